import { Router } from 'express';
import { registry } from '@lsl/telemetry';
import { checkReadiness, type ReadinessCheck } from './readiness.js';

/** `/healthz` (the process answers), `/readyz` (its dependencies do), `/metrics` (Prometheus). */
export function createOpsRouter(checks: Record<string, ReadinessCheck>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/readyz', async (_req, res) => {
    const { ready, checks: results } = await checkReadiness(checks);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: results });
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });
  return router;
}

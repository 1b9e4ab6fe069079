import { createServer, type Server } from 'node:http';
import { registry } from './metrics.js';

export interface MetricsServerOptions {
  port: number;
  host: string;
}

/**
 * A small HTTP listener for a process without an API (a worker): `GET /metrics` (this
 * process's registry) and `GET /healthz` (liveness, for a container healthcheck).
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    } else if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        (error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error)),
      );
    } else if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Router } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';

export const DASHBOARD_PATH = '/admin/queues';

/** bull-board over the partition queues, behind HTTP Basic credentials of its own. */
export function createDashboard(queues: Queue[], credentials: { user: string; password: string }): { auth: RequestHandler; router: Router } {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter });
  const expected = Buffer.from(`${credentials.user}:${credentials.password}`);
  const auth: RequestHandler = (req, res, next) => {
    const header = req.header('authorization') ?? '';
    const given = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64') : Buffer.alloc(0);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="queues"');
    res.status(401).json({ code: 4010, context: {}, error: 'Dashboard credentials required', status: 'Unauthorized' });
  };
  return { auth, router: serverAdapter.getRouter() as Router };
}

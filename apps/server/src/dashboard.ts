import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Router } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { AppError } from '@lsl/contracts';

export const DASHBOARD_PATH = '/admin/queues';

export interface DashboardOptions {
  user: string;
  password: string;
  /** Look, don't touch: no retry, clean, pause, promote or add (bull-board answers 405). */
  readOnly: boolean;
}

/**
 * bull-board over every queue given (the partition queues, and any other queue the process
 * has: `addQueue` takes more later), behind HTTP Basic credentials of its own. `auth` passes a
 * refusal on as an AppError: mount the app's `errorHandler` (@lsl/http) after it.
 */
export function createDashboard(queues: Queue[], options: DashboardOptions): { auth: RequestHandler; router: Router; addQueue(queue: Queue): void } {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const adapt = (q: Queue) => new BullMQAdapter(q, { readOnlyMode: options.readOnly });
  const board = createBullBoard({ queues: queues.map(adapt), serverAdapter });
  const expected = Buffer.from(`${options.user}:${options.password}`);
  const auth: RequestHandler = (req, res, next) => {
    const header = req.header('authorization') ?? '';
    const given = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64') : Buffer.alloc(0);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="queues"');
    // The app's error handler answers it, in the seed error body like every other refusal.
    next(new AppError('unauthorized', 'Dashboard credentials required'));
  };
  return { auth, router: serverAdapter.getRouter() as Router, addQueue: (q) => board.addQueue(adapt(q)) };
}

import { timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { AppError } from '@lsl/contracts';
import type { Database } from '@lsl/db';
import type { QueueBackendKind } from '@lsl/queue';
import { describeOperationJobs } from './dashboard-jobs.js';
import { installedLocales, localeAliases } from './dashboard-locale.js';
import { dashboardFonts, localizedPage } from './dashboard-page.js';

export const DASHBOARD_PATH = '/admin/queues';

export interface DashboardOptions {
  user: string;
  password: string;
  /** Look, don't touch: no retry, clean, pause, promote or add (bull-board answers 405). */
  readOnly: boolean;
  /**
   * Where the queues live. On `postgres` the board shows no worker count: a worker process
   * shares one connection among its partition consumers, so the connection names BullMQ
   * counts workers by are not there (docs/operations.md, "Dashboard"). Default `redis`.
   */
  queueBackend?: QueueBackendKind;
}

/**
 * bull-board over every queue given (the partition queues, and any other queue the process
 * has: `addQueue` takes more later), behind HTTP Basic credentials of its own, in the
 * browser's language, with fonts served here and each job named by its operation's type and
 * outcome (`db`). `auth` passes a refusal on as an AppError: mount the app's `errorHandler`
 * (@lsl/http) after it.
 */
export function createDashboard(
  queues: Queue[],
  options: DashboardOptions,
  db: Kysely<Database>,
): { auth: RequestHandler; handlers: RequestHandler[]; addQueue(queue: Queue): void } {
  const uiDist = join(dirname(createRequire(import.meta.url).resolve('@bull-board/ui/package.json')), 'dist');
  const locales = installedLocales(uiDist);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  const adapt = (q: Queue) => new BullMQAdapter(q, { readOnlyMode: options.readOnly });
  const board = createBullBoard({
    queues: queues.map(adapt),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'Loan-servicing queues',
        showWorkers: (options.queueBackend ?? 'redis') !== 'postgres',
        // The header's link to bull-board's documentation site: a page of another host.
        hideDocsLink: true,
      },
      handlerHooks: { after: describeOperationJobs(db) },
    },
  });
  const expected = Buffer.from(`${options.user}:${options.password}`);
  const auth: RequestHandler = (req, res, next) => {
    const header = req.header('authorization') ?? '';
    const given = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64') : Buffer.alloc(0);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="queues"');
    // The app's error handler answers it, in the seed error body like every other refusal.
    next(new AppError('unauthorized', 'Dashboard credentials required'));
  };
  return {
    auth,
    handlers: [dashboardFonts(), localeAliases(uiDist, locales), localizedPage(locales), serverAdapter.getRouter() as RequestHandler],
    addQueue: (q) => board.addQueue(adapt(q)),
  };
}

import { z } from 'zod';
import { commonEnvShape, envBoolean, parseEnv } from '@lsl/contracts';
import { apiEnvShape } from '@lsl/http';
import { queueEnvShape } from '@lsl/queue';
import { webhookEnvShape } from '@lsl/webhooks';

const schema = z.object({
  /** Unset: an embedded Postgres under EMBEDDED_PG_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  ...commonEnvShape,
  ...queueEnvShape(),
  ...apiEnvShape({ port: 3000 }),
  /** Worker slots in this process per partition queue; 0 runs no worker here. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(2),
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DASHBOARD_USER: z.string().default('admin'),
  DASHBOARD_PASSWORD: z.string().optional(),
  /** The dashboard only shows; `false` lets it retry, clean, pause and promote jobs. */
  DASHBOARD_READ_ONLY: envBoolean.default(true),
  ...webhookEnvShape,
});

export type ServerEnv = z.infer<typeof schema>;

/** Parsed once at start-up; a bad variable stops the process with its name. */
export function parseServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  return parseEnv(schema, env);
}

import { z } from 'zod';
import { commonEnvShape, parseEnv } from '@lsl/contracts';
import { apiEnvShape } from '@lsl/http';
import { queueEnvShape } from '@lsl/queue';
import { webhookEnvShape } from '@lsl/webhooks';

const schema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required for results on their own'),
  ...commonEnvShape,
  // Results read no queue: REDIS_URL and QUEUE_PREFIX place the rate-limit counters (docs/security.md).
  ...queueEnvShape(),
  ...apiEnvShape({ port: 3002 }),
  ...webhookEnvShape,
});

export type ResultsEnv = z.infer<typeof schema>;

/** Parsed once at start-up; a bad variable stops the process with its name. */
export function parseResultsEnv(env: NodeJS.ProcessEnv): ResultsEnv {
  return parseEnv(schema, env);
}

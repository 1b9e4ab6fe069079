import { z } from 'zod';
import { commonEnvShape, parseEnv } from '@lsl/contracts';
import { apiEnvShape } from '@lsl/http';
import { queueEnvShape } from '@lsl/queue';

const schema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required for intake on its own'),
  ...commonEnvShape,
  ...queueEnvShape(),
  ...apiEnvShape({ port: 3001 }),
});

export type IntakeEnv = z.infer<typeof schema>;

/** Parsed once at start-up; a bad variable stops the process with its name. */
export function parseIntakeEnv(env: NodeJS.ProcessEnv): IntakeEnv {
  return parseEnv(schema, env);
}

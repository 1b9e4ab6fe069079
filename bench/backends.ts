// (g) Queue backends. Each entry is the environment that selects it in the system's processes.
// Redis (BullMQ on Redis) is the production default and always runs. A backend whose
// `available` is false is reported as not run: the Postgres backend (issue 11) plugs in here by
// exporting `QUEUE_BACKENDS` (the names it supports) from @lsl/queue and naming its
// environment below; `--backends=` picks which to run.
import * as queue from '@lsl/queue';

export interface Backend {
  name: string;
  env: Record<string, string>;
  available: boolean;
}

export function knownBackends(): Backend[] {
  const supported = ((queue as Record<string, unknown>)['QUEUE_BACKENDS'] as readonly string[] | undefined) ?? ['redis'];
  return [
    { name: 'redis', env: {}, available: true },
    { name: 'postgres', env: { QUEUE_BACKEND: 'postgres' }, available: supported.includes('postgres') },
  ];
}

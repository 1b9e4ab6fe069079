// (g) Queue backends. Each entry is the environment that selects it in the system's processes
// (test/helpers.ts reads QUEUE_BACKEND): Redis, the production default, and Postgres (BullMQ's
// PostgreSQL backend, docs/queue-backends.md). `--backends=` picks which to run.
export interface Backend {
  name: string;
  env: Record<string, string>;
  available: boolean;
}

export function knownBackends(): Backend[] {
  return [
    { name: 'redis', env: {}, available: true },
    { name: 'postgres', env: { QUEUE_BACKEND: 'postgres' }, available: true },
  ];
}

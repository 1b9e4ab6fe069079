/** One dependency `/readyz` looks at: resolves when it is usable, throws (with why) when not. */
export type ReadinessCheck = () => Promise<void>;

export interface Readiness {
  ready: boolean;
  /** Each check's name → `ok`, or what is wrong. */
  checks: Record<string, string>;
}

/** A check that does not answer in time has failed: `/readyz` answers even when Postgres hangs. */
const CHECK_TIMEOUT_MS = 3_000;

export async function checkReadiness(checks: Record<string, ReadinessCheck>): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, string]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)));
      try {
        await Promise.race([check(), timeout]);
        return [name, 'ok'];
      } catch (error) {
        return [name, String((error as Error)?.message ?? error)];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const result = Object.fromEntries(entries);
  return { ready: Object.values(result).every((v) => v === 'ok'), checks: result };
}

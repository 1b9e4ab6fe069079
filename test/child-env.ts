/**
 * The environment a test gives the processes it starts: the operating system's basics from the
 * caller's shell (where programs and temporary files are, the locale), nothing else. A setting
 * of the system (DASHBOARD_USER, API_KEYS, LOG_LEVEL, LEDGER_TIMEZONE, ...) left in the shell
 * would otherwise change what the test sees; each test pins what it needs on top of this.
 */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'LC_ALL', 'SYSTEMROOT', 'NODE_V8_COVERAGE'];

export function childEnv(pinned: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...pinned };
}

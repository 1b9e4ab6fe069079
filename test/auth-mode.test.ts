import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createApi, startSystem, type System } from './helpers.js';
import { createKey } from './keys-cli.js';

describe('start-up without any API key', () => {
  let system: System | undefined;
  after(() => system?.stop());

  it('on a non-loopback HOST, the server refuses to start open', async () => {
    await assert.rejects(startSystem({ apiKey: null, serverWorkerConcurrency: 0, env: { HOST: '0.0.0.0' } }), /refusing to start open on HOST=0\.0\.0\.0/);
  });

  it('on loopback it runs open, saying so loudly, until the first key is created', async () => {
    system = await startSystem({ apiKey: null, serverWorkerConcurrency: 0, env: { API_KEY_CACHE_MS: '200' } });
    assert.equal(system.listening.api_keys, 'open until a key exists');
    const open = createApi(system.baseUrl);
    assert.equal((await open.get('/v1/configs/loans/DEFAULT')).status, 200);

    const { key } = await createKey(system.databaseUrl, 'first');
    let status = 0;
    for (let i = 0; i < 100 && status !== 401; i++) {
      status = (await open.get('/v1/configs/loans/DEFAULT')).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 401, 'a key exists: keys are required');
    assert.equal((await createApi(system.baseUrl, key).get('/v1/configs/loans/DEFAULT')).status, 200);
  });
});

// (c) Intake alone with an open-loop generator: requests leave at a fixed rate whatever the
// answers do (a slow answer does not slow the sender, so queueing shows in the latencies:
// no coordinated omission; each latency is measured from the request's scheduled time).
// No worker runs, so only intake is measured; a short warm-up at a low rate goes first, not
// measured. Afterwards, (f): the Redis memory the queued
// operations take under the system's prefix (MEMORY USAGE of each key).
import { Agent, request } from 'node:http';
import { Redis } from 'ioredis';
import { REDIS_URL, startSystem } from '../test/helpers.js';
import { AS_DEPLOYED } from './pipeline.js';
import { cpuMeter, round, sleep, summarize } from './stats.js';
import { paymentRequest } from './workload.js';

export interface OpenLoopOptions {
  rates: number[];
  seconds: number;
  borrowers: number;
  partitions: number;
  /** Connections the generator keeps open (default 64). */
  connections?: number;
  /**
   * Seconds at `warmupRate` before the measured rates, not measured (default 3 at 100 req/s): the
   * server has just started from TypeScript sources, and its first requests pay for module
   * loading and the JIT, which a long-running server paid long ago.
   */
  warmupSeconds?: number;
  warmupRate?: number;
  env?: Record<string, string>;
}

export interface OpenLoopFigures {
  rate: number;
  sent: number;
  accepted: number;
  errors: number;
  /** Up to 3 examples of what the errors were. */
  errorSamples: string[];
  p50: number;
  p99: number;
  max: number;
  /** The server's CPU time (user + system, from /proc) per request sent: what intake costs, whatever the machine's load. */
  serverCpuMsPerRequest: number;
}

export interface RedisMemoryFigures {
  queuedOperations: number;
  borrowers: number;
  bytes: number;
  bytesPerOperation: number;
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<{ rates: OpenLoopFigures[]; redis: RedisMemoryFigures }> {
  const system = await startSystem({ serverWorkerConcurrency: 0, workers: 0, partitions: options.partitions, env: { ...AS_DEPLOYED, ...options.env } });
  try {
    // Like a lender's client: a bounded pool of kept-alive connections; a request waiting for
    // a free connection is waiting all the same (its latency runs from its scheduled time).
    const agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 64 });
    const results: OpenLoopFigures[] = [];
    let n = 0;
    const borrowersUsed = new Set<string>();
    const phases = [
      { rate: options.warmupRate ?? 100, seconds: options.warmupSeconds ?? 3, measured: false },
      ...options.rates.map((rate) => ({ rate, seconds: options.seconds, measured: true })),
    ].filter((p) => p.seconds > 0);
    for (const { rate, seconds, measured } of phases) {
      const total = rate * seconds;
      const latencies: number[] = [];
      let accepted = 0;
      let errors = 0;
      const errorSamples: string[] = [];
      const fail = (what: string) => {
        errors++;
        if (errorSamples.length < 3) errorSamples.push(what);
      };
      const cpu = cpuMeter(() => [system.server.pid!]);
      const started = performance.now();
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const k = n++;
        const borrower = `BO${k % options.borrowers}`;
        borrowersUsed.add(borrower);
        const r = paymentRequest(borrower, Math.floor(k / options.borrowers) + 1);
        inFlight.push(
          post(agent, system.baseUrl, r.path, r.body, system.apiKey).then(
            (res) => {
              latencies.push(performance.now() - due);
              if (res.status === 202) accepted++;
              else fail(`${res.status} ${res.body.slice(0, 200)}`);
            },
            (error) => fail(String(error?.cause ?? error)),
          ),
        );
      }
      await Promise.all(inFlight);
      const s = summarize(latencies);
      const serverCpuMsPerRequest = round((cpu.stop() * 1000) / total, 2);
      if (measured) results.push({ rate, sent: total, accepted, errors, errorSamples, p50: s.p50, p99: s.p99, max: s.max, serverCpuMsPerRequest });
    }
    agent.destroy();
    const bytes = await redisBytes(system.prefix);
    return {
      rates: results,
      redis: { queuedOperations: n, borrowers: borrowersUsed.size, bytes, bytesPerOperation: round(bytes / n, 0) },
    };
  } finally {
    await system.stop();
  }
}

async function redisBytes(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    let bytes = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) bytes += Number((await redis.memory('USAGE', key)) ?? 0);
    } while (cursor !== '0');
    return bytes;
  } finally {
    redis.disconnect();
  }
}

function post(agent: Agent, baseUrl: string, path: string, body: unknown, apiKey: string | null): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

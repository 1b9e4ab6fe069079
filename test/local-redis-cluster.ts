// A Redis Cluster of the test's own: three masters (no replicas, no persistence) on free ports
// in a temporary directory, made with `redis-cli --cluster create`, torn down afterwards. The
// shared Redis is never touched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, signalAndWait, waitFor } from './fault-helpers.js';

export interface LocalRedisCluster {
  /** REDIS_URL for the system: `redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3`. */
  url: string;
  ports: number[];
  /** A plain connection to one node (for CLUSTER SLOTS, KEYSLOT, SCAN of that node's keys). */
  node(port: number): Redis;
  stop(): Promise<void>;
}

/** Why a local cluster cannot be made here, or false when it can. */
export function clusterUnavailable(): string | false {
  for (const tool of ['redis-server', 'redis-cli']) {
    if (spawnSync(tool, ['--version']).status !== 0) return `${tool} is not installed (needed to start a local Redis Cluster)`;
  }
  return false;
}

export async function startLocalRedisCluster(masters = 3): Promise<LocalRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'lsl-redis-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await freePort());
  const children: ChildProcess[] = [];
  const nodes = new Map<number, Redis>();
  const stop = async () => {
    for (const n of nodes.values()) n.disconnect();
    await Promise.all(children.map((c) => signalAndWait(c, 'SIGKILL')));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      children.push(
        spawn(
          'redis-server',
          ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`),
            '--cluster-node-timeout', '5000', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
          { stdio: 'ignore' },
        ),
      );
    }
    for (const port of ports) {
      await waitFor(async () => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG', 10_000, () => `redis-server on ${port} did not start`, 50);
    }
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    // Every node must agree that all 16,384 slots are served before clients connect.
    for (const port of ports) {
      await waitFor(
        async () => /cluster_state:ok/.test(spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info']).stdout?.toString() ?? ''),
        20_000,
        () => `node ${port} never reported cluster_state:ok`,
        100,
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `redis-cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`,
    ports,
    node(port: number) {
      let redis = nodes.get(port);
      if (!redis) {
        redis = new Redis({ host: '127.0.0.1', port });
        redis.on('error', () => {});
        nodes.set(port, redis);
      }
      return redis;
    },
    stop,
  };
}

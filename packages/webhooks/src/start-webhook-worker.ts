import type { Job, Worker } from 'bullmq';
import type { Kysely } from 'kysely';
import { findSendableDeliveries, relayEvents, type Database } from '@lsl/db';
import { jobCatalog, type QueueBackend } from '@lsl/queue';
import { webhookDeliveries, type Logger } from '@lsl/telemetry';
import { deliverOne } from './deliver-one.js';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './delivery-policy.js';
import { createWebhookQueue, enqueueDeliveries, WEBHOOK_QUEUE_NAME, webhookQueuePrefix } from './webhook-queue.js';

export interface StartWebhookWorkerOptions {
  db: Kysely<Database>;
  /** Where the queues live (`createQueueBackend`); its owner closes it. */
  backend: QueueBackend;
  /** The base queue prefix (`QUEUE_PREFIX`). */
  prefix: string;
  /** Deliveries in flight at once in this process. */
  concurrency?: number;
  policy?: Partial<DeliveryPolicy>;
  /** How often the relay and the dispatcher look at Postgres. */
  pollMs?: number;
  /** Events relayed per statement. */
  relayBatch?: number;
  logger?: Logger;
}

export interface RunningWebhookWorker {
  worker: Worker;
  /** Runs the relay and the dispatcher once now (tests, and after a burst of events). */
  tick(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The webhook side of a worker process, off the apply path: a loop that relays new events of the
 * outbox into deliveries and enqueues the deliveries that are due (the dispatcher), and a BullMQ
 * worker on the webhook queue that makes each attempt (docs/webhooks.md).
 */
export async function startWebhookWorker(options: StartWebhookWorkerOptions): Promise<RunningWebhookWorker> {
  const logger = options.logger;
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
  const pollMs = options.pollMs ?? 500;
  const relayBatch = options.relayBatch ?? 500;
  const queue = createWebhookQueue(options.backend, options.prefix);
  const { db } = options;

  const processor = async (job: Job) => {
    const { deliveryId } = jobCatalog['webhook.deliver'].schema.parse(job.data);
    const outcome = await deliverOne(db, deliveryId, policy);
    if (outcome.kind === 'skipped') return 'skipped';
    const { delivery, status } = outcome;
    webhookDeliveries.inc({ outcome: status === 'pending' ? 'retry' : status });
    if (outcome.disabledReason) logger?.warn({ webhook_id: delivery.subscription_id, reason: outcome.disabledReason }, 'webhook subscription disabled');
    if (status === 'pending') {
      // The retry, as a delayed job; the dispatcher would find it anyway once due.
      const delayMs = new Date(delivery.next_attempt_at).getTime() - Date.now();
      await enqueueDeliveries(queue, [{ id: delivery.id, attempt_count: delivery.attempt_count, leased_until: null, delayMs }]);
    } else {
      // Settled: the borrower's next delivery may go now, without waiting for the dispatcher.
      const next = await findSendableDeliveries(db, { limit: 1, subscriptionId: delivery.subscription_id, orderingKey: delivery.ordering_key });
      await enqueueDeliveries(queue, next);
    }
    return `${status} ${outcome.statusCode ?? ''}`.trim();
  };

  const worker = options.backend.createWorker(WEBHOOK_QUEUE_NAME, webhookQueuePrefix(options.prefix), processor, {
    concurrency: options.concurrency ?? 8,
    // An attempt takes up to the policy's timeout: the lock must outlive it.
    lockDuration: policy.timeoutMs + 15_000,
    stalledInterval: 10_000,
  });
  worker.on('error', (error) => logger?.error({ err: error }, 'webhook worker error'));
  worker.on('failed', (job, error) => logger?.warn({ job_id: job?.id, err: error }, 'webhook job failed; will retry'));

  let running: Promise<void> | undefined;
  const tick = async () => {
    // Relay until the backlog is drained, then hand what is due to the queue.
    for (;;) {
      const relayed = await relayEvents(db, relayBatch);
      if (relayed.events < relayBatch) break;
    }
    for (;;) {
      const due = await findSendableDeliveries(db, { limit: 500 });
      await enqueueDeliveries(queue, due);
      if (due.length < 500) break;
    }
  };
  const runTick = () => {
    running ??= tick()
      .catch((error) => logger?.error({ err: error }, 'webhook relay error'))
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void runTick(), pollMs);
  void runTick();

  return {
    worker,
    tick: runTick,
    async close() {
      clearInterval(timer);
      await running;
      await worker.close();
      await queue.close();
    },
  };
}

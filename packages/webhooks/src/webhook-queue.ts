import type { Queue } from 'bullmq';
import { jobCatalog, type QueueBackend } from '@lsl/queue';

export const WEBHOOK_QUEUE_NAME = 'webhooks';

/** Its own hash tag, so in a Redis Cluster the webhook queue lives in a slot of its own. */
export function webhookQueuePrefix(basePrefix: string): string {
  return `${basePrefix}:{webhooks}`;
}

/** The producer side of the webhook queue (the dashboard shows it too). */
export function createWebhookQueue(backend: QueueBackend, basePrefix: string): Queue {
  const queue = backend.createQueue(WEBHOOK_QUEUE_NAME, webhookQueuePrefix(basePrefix));
  queue.on('error', () => {});
  return queue;
}

/**
 * Adds one job per delivery attempt. The job id names the delivery and its attempt number, so
 * the dispatcher adding it again while it waits or runs is a no-op. A delivery whose lease
 * expired was held by a sender that died mid-attempt, whose job BullMQ still counts as active
 * until its stalled check: its new job gets an id of its own (the lease's end), so it runs now.
 */
export async function enqueueDeliveries(
  queue: Queue,
  deliveries: Array<{ id: string; attempt_count: number; leased_until?: Date | string | null; delayMs?: number }>,
): Promise<void> {
  if (deliveries.length === 0) return;
  const { schema, options } = jobCatalog['webhook.deliver'];
  await queue.addBulk(
    deliveries.map((d) => ({
      name: 'webhook.deliver',
      data: schema.parse({ deliveryId: d.id }),
      opts: {
        ...options,
        jobId: d.leased_until ? `${d.id}-${d.attempt_count}-${new Date(d.leased_until).getTime()}` : `${d.id}-${d.attempt_count}`,
        ...(d.delayMs && d.delayMs > 0 ? { delay: d.delayMs } : {}),
      },
    })),
  );
}

import type { AfterHook } from '@bull-board/api/typings/app';
import type { Kysely } from 'kysely';
import type { Database } from '@lsl/db';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

type JobView = Record<string, unknown> & { id?: unknown; data?: unknown; name?: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The operation a job is about: `data.operationId` when the payload names one, else the job id
 * (a wake-up job's id is its cause's operation id, `<id>` or `<id>-wake-<n>`). Read here, on
 * the display side, so the job payload can change without the dashboard breaking.
 */
export function operationIdOf(job: JobView): string | undefined {
  const fromData = isRecord(job.data) && typeof job.data.operationId === 'string' ? job.data.operationId : undefined;
  const candidate = fromData ?? (typeof job.id === 'string' ? job.id : undefined);
  return candidate?.match(UUID)?.[0].toLowerCase();
}

/** The jobs of a bull-board answer: every queue's page of jobs, or the one job asked for. */
function jobsOf(body: unknown): JobView[] {
  if (!isRecord(body)) return [];
  if (Array.isArray(body.queues)) return body.queues.flatMap((q) => (isRecord(q) && Array.isArray(q.jobs) ? q.jobs.filter(isRecord) : []));
  return isRecord(body.job) ? [body.job] : [];
}

/**
 * bull-board's `after` hook: each job that names an operation is shown with the operation's
 * type and outcome as its name (`create_payment · succeeded 201`, `… · queued`) and a link to
 * `/v1/operations/{id}`, read from Postgres with one query per answer. The job itself (its
 * data tab, its queue) is left as BullMQ holds it. When Postgres does not answer, the jobs
 * are shown as they are.
 */
export function describeOperationJobs(db: Kysely<Database>): AfterHook {
  return async (_context, result) => {
    const jobs = jobsOf(result.body).map((job) => ({ job, operationId: operationIdOf(job) }));
    const ids = [...new Set(jobs.flatMap((j) => (j.operationId ? [j.operationId] : [])))];
    if (ids.length === 0) return result;
    let rows: Array<{ id: string; type: string; status: string; result_status_code: number | null }>;
    try {
      rows = await db.selectFrom('operations').select(['id', 'type', 'status', 'result_status_code']).where('id', 'in', ids).execute();
    } catch {
      return result;
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { job, operationId } of jobs) {
      const operation = operationId ? byId.get(operationId) : undefined;
      if (!operation) continue;
      const code = operation.result_status_code === null ? '' : ` ${operation.result_status_code}`;
      job.name = `${operation.type} · ${operation.status}${code}`;
      job.externalUrl = { displayText: `/v1/operations/${operation.id}`, href: `/v1/operations/${operation.id}` };
    }
    return result;
  };
}

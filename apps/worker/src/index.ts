export { startWorker, type StartWorkerOptions, type RunningWorker } from './start-worker.js';
export { applyPendingBatch, type ApplyPendingOptions, type AppliedBatch } from './apply-pending.js';
export { startSweeper, type SweeperOptions } from './sweeper.js';
export { parseWorkerEnv, type WorkerEnv } from './env.js';
export { closeWithGrace } from './close-with-grace.js';
export { runCloseOfBusiness, type CloseOfBusinessOptions, type CloseOfBusinessRun } from './close-of-business.js';
export { startCloseOfBusiness, createCloseQueue, CLOSE_QUEUE_NAME, CLOSE_SCHEDULER_ID } from './close-scheduler.js';

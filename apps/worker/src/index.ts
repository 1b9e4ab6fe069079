export { startWorker, type StartWorkerOptions, type RunningWorker } from './start-worker.js';
export { applyPendingBatch, type ApplyPendingOptions, type AppliedBatch } from './apply-pending.js';
export { startSweeper, type SweeperOptions } from './sweeper.js';
export { parseWorkerEnv, type WorkerEnv } from './env.js';
export { closeWithGrace } from './close-with-grace.js';

/**
 * @lsl/ledger-store: the ledger as the pipeline stores it, shared by the worker and the results
 * API (no app imports another). A recorded operation becomes the ledger's typed value
 * (`decodeOperation`, the one codec of a stored operation, driven by contracts' registry) and
 * is applied (`applyRecorded`); stored states are loaded, cached (`StateCache`, byte-bounded LRU)
 * and caught up by applying the operations since (`catchUpState`); the configs an operation
 * names are resolved at intake (`resolveConfigs`, usury `reject` included). A batch's status is
 * its stored rows made the 207 body (`loadBatchStatus`), and the transaction that completes a
 * batch records its `batch.completed` (`batchCompletedEvents`).
 */
export {
  decodeOperation,
  encodeOperation,
  ledgerOperationOf,
  simulatedOperation,
  StoredBodyError,
  OPERATION_RECORD_VERSION,
  type EncodedOperation,
} from './operation-codec.js';
export { decodeStoredConfigs } from './stored-configs.js';
export { applyRecorded, applyOperation } from './apply-recorded.js';
export { ByteLru, StateCache, HEAP_PER_JSON_BYTE, DEFAULT_STATE_CACHE_BYTES, type CachedState } from './state-cache.js';
export { loadStoredState, catchUpState, MAX_CATCH_UP, type StoredState } from './load-state.js';
export { loadBatchStatus, batchCompletedEvents, insertBatchReportingCompletion } from './batch-status.js';
export { ConfigCache, resolveConfig, resolveConfigs } from './resolve-configs.js';

/**
 * The one codec of a recorded operation (docs/architecture.md, "Adding an operation"): what
 * intake stores (`encodeOperation`) and what the worker, the results API and the simulations
 * hand the ledger (`decodeOperation`, `ledgerOperationOf`), both driven by the operation's
 * declaration in contracts' registry. A stored record says which version of this codec wrote it.
 */
import { AppError, OPERATION_REGISTRY, dueDayIssues, parseOperationBody, validationError, type OperationParams, type ParsedOperationOf, type RecordBase } from '@lsl/contracts';
import type { OperationRow } from '@lsl/db';
import { isOperationType, type LedgerOperation, type LedgerOperations, type OperationBodies, type OperationType, type ResolvedConfigs } from '@lsl/ledger';
import { decodeStoredConfigs } from './stored-configs.js';

/** The version of the stored form `encodeOperation` writes (`operations.record_version`). */
export const OPERATION_RECORD_VERSION = 1;

/**
 * A recorded operation that cannot be decoded (stored before a schema change, or written by
 * hand): not applied; `applyRecorded` makes it the operation's failed result, naming the fields.
 */
export class StoredBodyError extends Error {
  constructor(
    readonly operationId: string,
    readonly type: string,
    readonly error: AppError,
  ) {
    super(`the stored operation ${operationId} (${type}) does not decode: ${error.message}`);
    this.name = 'StoredBodyError';
  }
}

/** What intake stores for an operation: its columns' values, encoded once at the database boundary. */
export interface EncodedOperation {
  params: Record<string, string>;
  configs: ResolvedConfigs;
  record_version: number;
}

export function encodeOperation<K extends OperationType>(parsed: ParsedOperationOf<K>, configs: ResolvedConfigs): EncodedOperation {
  const declaration = OPERATION_REGISTRY[parsed.type];
  const params = declaration.storedParamsOf ? declaration.storedParamsOf(parsed.params, parsed.body) : { ...parsed.params };
  return { params, configs, record_version: OPERATION_RECORD_VERSION };
}

/** The ledger's value of a parsed operation (a simulation's, or a decoded record's). */
export function ledgerOperationOf<K extends OperationType>(type: K, params: OperationParams[K], body: OperationBodies[K], configs: ResolvedConfigs, base: RecordBase): LedgerOperations[K] {
  return OPERATION_REGISTRY[type].toLedger({ base, params, body, configs });
}

/** A simulated operation: parsed as intake would, never stored. */
export function simulatedOperation<K extends OperationType>(parsed: ParsedOperationOf<K>, configs: ResolvedConfigs, base: RecordBase): LedgerOperations[K] {
  return ledgerOperationOf(parsed.type, parsed.params, parsed.body, configs, base);
}

function decodeTyped<K extends OperationType>(type: K, row: OperationRow, timeZone: string | undefined): LedgerOperations[K] {
  const declaration = OPERATION_REGISTRY[type];
  const fail = (error: AppError): never => {
    throw new StoredBodyError(row.id, type, error);
  };
  const body = parseOperationBody(type, row.body);
  if (!body.ok) return fail(body.error);
  const params = declaration.paramsSchema.safeParse(row.params);
  if (!params.success) return fail(validationError({ params: params.error.message }));
  // The rules intake checked, checked again the same way (the lender's time zone included).
  const fields = {
    ...(declaration.crossFieldIssuesOf ? declaration.crossFieldIssuesOf(params.data, body.value) : {}),
    ...(timeZone === undefined ? {} : dueDayIssues(type, body.value, timeZone)),
  };
  if (Object.keys(fields).length > 0) return fail(validationError(fields));
  const base: RecordBase = { seq: row.seq, operationId: row.id, recordedAt: new Date(row.recorded_at).toISOString(), requestId: row.request_id };
  return ledgerOperationOf(type, params.data, body.value, decodeStoredConfigs(row.configs), base);
}

/**
 * A recorded operation as the ledger's typed value, decoded once: its type, its params and body
 * parsed by its declaration's schemas (the route's own), and the configs resolved at intake.
 * Throws `StoredBodyError` for a record that does not decode.
 */
export function decodeOperation(row: OperationRow, options: { timeZone?: string } = {}): LedgerOperation {
  const type: string = row.type;
  if (!isOperationType(type)) throw new StoredBodyError(row.id, type, new AppError('validation_failed', `Unknown operation type '${type}'`, { fields: { type: 'Unknown operation type' } }));
  if (row.record_version !== OPERATION_RECORD_VERSION) {
    throw new StoredBodyError(row.id, type, new AppError('validation_failed', `Unknown record version ${row.record_version}`, { fields: { record_version: 'Unknown version' } }));
  }
  return decodeTyped(type, row, options.timeZone);
}

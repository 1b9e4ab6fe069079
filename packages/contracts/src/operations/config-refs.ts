import type { OperationBodies } from '@lsl/ledger';
import type { ConfigKind } from '../config-kinds.js';
import { OPERATION_REGISTRY } from '../registry/registry.js';
import type { OperationType } from './catalog.js';

export interface ConfigRef {
  kind: ConfigKind;
  /** Where the body names it, for the 400 of an unknown config (`context.fields`). */
  field: string;
  /** The id, `DEFAULT` when the body gives none. */
  configId: string;
}

/**
 * The configs a (valid) operation body refers to (its declaration's `configRefsOf`), so intake
 * can refuse an unknown one with 400 (docs/api.md) and resolve each to the version in force.
 */
export function configRefsOf<T extends OperationType>(type: T, body: OperationBodies[T]): ConfigRef[] {
  return OPERATION_REGISTRY[type].configRefsOf(body);
}

import { OPERATION_REGISTRY } from '../registry/registry.js';
import type { OperationExample } from '../registry/define-operation.js';
import type { OperationType } from '../operations/catalog.js';

/**
 * The example request of each operation type, from its declaration (`src/registry/`): valid
 * values (the create-loan seed's own example puts two dates in one string, which is a 400; its
 * declaration's has two elements). Used in the OpenAPI document; handy for tests and demos.
 * Each call returns a fresh copy.
 */
export function exampleRequest(type: OperationType): OperationExample {
  return OPERATION_REGISTRY[type].example();
}

// The public surface of @lsl/contracts. Import from here only.

export * from './errors.js';
export { fromZodError, fieldsOf, formatIssuePath, issueMessage, validationError } from './zod-error.js';
export { toAppError, type ToAppErrorOptions } from './to-app-error.js';
export { parseQuery, parsePathId, isCalendarDay, FIRST_READ_DAY, type ParseQueryOptions, type ParsePathIdOptions } from './parse-query.js';
export * from './buckets.js';
export * from './primitives.js';
export { toScaled, compareSum, sumToString, type Scaled } from './decimal.js';
export { instantNanos, dayInZone } from './dates.js';
export { dueDateIssues, type DueDateIssue } from './due-dates.js';
export * from './config-kinds.js';
export { canonicalJson, bodyFingerprint } from './canonical-json.js';
export { exampleRequest } from './examples/requests.js';
export { lifecycleExampleRequest, lifecycleExampleResult, cancelLoansBatchExample, type LifecycleType } from './lifecycle-examples.js';

export * from './operations/params.js';
export * from './operations/create-loan.js';
export * from './operations/cancel-loan.js';
export * from './operations/create-waiver.js';
export * from './operations/create-consolidation.js';
export * from './operations/transfer-ownership.js';
export * from './operations/create-payment.js';
export * from './operations/reverse-payment.js';
export * from './operations/create-reimbursement.js';
export * from './operations/charge-off-loan.js';
export * from './operations/create-restructuring.js';
export * from './operations/create-payoff.js';
export * from './operations/cancel-loans-batch.js';
export * from './operations/parse-cancel-batch.js';
export * from './operations/operations-batch.js';
export * from './operations/restructure-loans-batch.js';
export * from './operations/parse-restructuring-batch.js';
export * from './operations/catalog.js';
export * from './operations/parse-operation.js';
export * from './operations/parse-transfer-batch.js';
export * from './operations/config-refs.js';
export * from './registry/define-operation.js';
export { OPERATION_REGISTRY, type OperationParams } from './registry/registry.js';

export * from './configs.js';

export { commonEnvShape, envBoolean, isTimeZone, LOG_LEVELS, parseEnv } from './env.js';
export * from './responses/error-body.js';
export * from './responses/async.js';
export * from './responses/seed-results.js';
export * from './responses/lifecycle-results.js';
export * from './responses/promise-results.js';
export * from './operations/promises.js';
export * from './responses/reads.js';
export * from './responses/portfolio.js';
export * from './responses/events.js';
export * from './responses/payoff.js';
export * from './responses/operation-bodies.js';
export * from './responses/batch-bodies.js';
export * from './simulations/simulate-loans.js';
export * from './simulations/simulate-borrower.js';

export { buildOpenApiDocument, type BuildOpenApiOptions } from './openapi.js';
export { renderApiReference, type OpenApiLike } from './openapi-markdown.js';

export * from './event-types.js';
export * from './webhooks/subscription.js';
export * from './simulations/examples.js';

export { jsonBody, type JsonBodyOptions } from './json-body.js';
export { errorHandler, routeNotFound, type ErrorHandlerOptions } from './error-handler.js';
export { requestLogger, REQUEST_ID_HEADER } from './request-logger.js';
export { requestMetrics } from './request-metrics.js';
export { routePattern } from './route-pattern.js';
export { methodNotAllowed } from './method-not-allowed.js';
export { jsonHygieneIssue, refuseUnholdableJson, MAX_JSON_DEPTH } from './json-hygiene.js';
export { answerClientError } from './client-error.js';

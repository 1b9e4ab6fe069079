export { jsonBody, type JsonBodyOptions } from './json-body.js';
export { errorHandler, routeNotFound, type ErrorHandlerOptions } from './error-handler.js';
export { methodNotAllowed } from './method-not-allowed.js';
export { jsonHygieneIssue, refuseUnholdableJson, MAX_JSON_DEPTH } from './json-hygiene.js';
export { seedClientError } from './client-error.js';

export { createIntakeRouter, type IntakeOptions } from './routes.js';
export { acceptOperation, resolveConfigs } from './accept-operation.js';

export { createIntakeRouter, type IntakeOptions } from './routes.js';
export { acceptOperation } from './accept-operation.js';
export { prepareDatabase } from './prepare-database.js';

export { createResultsRouter, type ResultsOptions } from './routes.js';

// `npm run bench:backends [borrowers] [payments] [workers]`: (b, g) alone, the pipeline with its
// queues in Redis then in Postgres, side by side (docs/queue-backends.md). The same driver as
// `npm run bench -- --only=pipeline` (bench/pipeline.ts); prints figures, asserts nothing.
import { pipelineRows, printRows, runPipelines } from './pipeline.js';

const [borrowers = 100, paymentsEach = 20, workers = 2] = process.argv.slice(2).map(Number);
const figures = await runPipelines({ borrowers, paymentsEach, workers, clients: 32, partitions: 8 }, ['redis', 'postgres'], (m) => process.stderr.write(`[bench] ${m}\n`));
printRows(pipelineRows(figures));

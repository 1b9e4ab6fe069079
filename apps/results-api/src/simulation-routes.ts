import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '@lsl/db';
import type { LedgerOptions } from '@lsl/ledger';
import type { LedgerReader } from './ledger-reader.js';
import { simulateBorrower } from './simulate-borrower.js';
import { simulateLoans } from './simulate-loans.js';

export interface SimulationOptions {
  db: Kysely<Database>;
  ledger: LedgerOptions;
  reader: LedgerReader;
  now: () => Date;
}

/** The two synchronous simulations (docs/reads.md): they read, compute, and record nothing. */
export function createSimulationRouter(options: SimulationOptions): Router {
  const router = Router();
  // Before `/:borrower_id/simulate`, which would otherwise take `loans` for a borrower id.
  router.post('/v1/borrowers/loans/simulate', async (req: Request, res: Response) => {
    res.status(207).json(await simulateLoans(options, req.body));
  });
  router.post('/v1/borrowers/:borrower_id/simulate', async (req: Request, res: Response) => {
    res.json(await simulateBorrower(options, String(req.params.borrower_id), req.body));
  });
  return router;
}

import { Router, type Request, type Response } from 'express';
import { getPayoffQuerySchema, idSchema, parsePathId, parseQuery } from '@lsl/contracts';
import { payoffQuoteAt, toDay, type LedgerOptions } from '@lsl/ledger';
import type { LedgerReader } from './ledger-reader.js';

export interface PayoffRouteOptions {
  ledger: LedgerOptions;
  reader: LedgerReader;
  now: () => Date;
}

/**
 * `GET /v1/borrowers/{borrower_id}/loans/{loan_id}/payoff?date=` (docs/reads.md "Payoff quote"):
 * what settles the loan on that day (default today in the ledger's time zone). An unknown
 * borrower is the reader's 404; an unknown loan and a loan that cannot be paid off answer the
 * ledger's own refusal (404, 409).
 */
export function createPayoffRouter(options: PayoffRouteOptions): Router {
  const router = Router();
  router.get('/v1/borrowers/:borrower_id/loans/:loan_id/payoff', async (req: Request, res: Response) => {
    const borrowerId = parsePathId(idSchema, 'borrower_id', req.params.borrower_id);
    const loanId = parsePathId(idSchema, 'loan_id', req.params.loan_id);
    const query = parseQuery(getPayoffQuerySchema, req.query);
    const day = query.date ?? toDay(options.now().toISOString(), options.ledger.timeZone);
    const { state } = await options.reader.load(borrowerId);
    const quote = payoffQuoteAt(state, loanId, day, options.ledger);
    if (!quote.ok) {
      res.status(quote.statusCode).json(quote.body);
      return;
    }
    res.json(quote.body);
  });
  return router;
}

// The operations the benchmark sends: 12-installment loans, payments and waivers, every one a
// migration (`is_migration=true`, fixed `occurred_on`), so the ledger's answers do not depend
// on the day the benchmark runs.
import { createLoanBody, paymentBody } from '../test/helpers.js';

export interface Request {
  borrowerId: string;
  path: string;
  body: unknown;
}

const DUE_DATES = Array.from({ length: 12 }, (_, k) => `${new Date(Date.UTC(2024, 1 + k, 15)).toISOString().slice(0, 10)}T23:59:59.999999-05:00`);

export function loanRequest(borrowerId: string): Request {
  return {
    borrowerId,
    path: `/v1/borrowers/${borrowerId}/loans/L1/create?is_migration=true`,
    body: createLoanBody({ request_id: `${borrowerId}-L1` }, { due_dates: DUE_DATES }),
  };
}

/** Payment `k` (from 1), dated the k-th month after origination (back-dated: 2024). */
export function paymentRequest(borrowerId: string, k: number): Request {
  const day = `${new Date(Date.UTC(2024, 1 + ((k - 1) % 12), 10)).toISOString().slice(0, 10)}`;
  return { borrowerId, path: `/v1/borrowers/${borrowerId}/payments/P${k}/create?is_migration=true`, body: paymentBody(100_000, day, `${borrowerId}-P${k}`) };
}

export function waiverRequest(borrowerId: string, k: number): Request {
  return {
    borrowerId,
    path: `/v1/borrowers/${borrowerId}/loans/L1/waivers/W${k}/create?is_migration=true`,
    body: {
      occurred_on: '2024-02-20T10:15:20-05:00',
      request_id: `${borrowerId}-W${k}`,
      waiver: { amount: 1000, bucket: 'interest', config_id: null, effective_date: '2024-02-20T00:00:00-05:00', percentage: null, reason: 'goodwill', type: 'amount' },
    },
  };
}

/**
 * Per borrower: a loan, then `payments` payments with a waiver after the second: the borrowers'
 * k-th operations are sent as one round, so a borrower's operations are accepted in order.
 */
export function mixRounds(borrowers: string[], payments: number): Request[][] {
  const rounds: Request[][] = [borrowers.map(loanRequest)];
  for (let k = 1; k <= payments; k++) {
    rounds.push(borrowers.map((b) => paymentRequest(b, k)));
    if (k === 2) rounds.push(borrowers.map((b) => waiverRequest(b, 1)));
  }
  return rounds;
}

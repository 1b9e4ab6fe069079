/** transfer_ownership (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { transferBatchDocSchema, transferItemSchema } from '../operations/transfer-ownership.js';
import { noParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation } from './define-operation.js';
import { bucketStatesSchema, transferSucceededItemSchema } from '../responses/seed-results.js';
import { seedResultExamples } from '../examples/responses.js';
import { z } from 'zod';

/** `loan.ownership_transferred` (docs/events.md). */
export const loanOwnershipTransferredEvent = domainEvent('loan.ownership_transferred', {
    new_owner: z.string(),
    previous_owner: z.string().nullable(),
    transferred_amounts: z.strictObject({ installment_fee: bucketStatesSchema, interest: bucketStatesSchema, principal: bucketStatesSchema }),
  });

export const transferOwnership = defineOperation({
  type: 'transfer_ownership',
  path: '/v1/borrowers/loans/transfer_ownership',
  summary: 'Transfer loan ownerships (batch)',
  paramsSchema: noParamsSchema,
  bodySchema: transferItemSchema,
  batch: { docSchema: transferBatchDocSchema },
  storedParamsOf: (_params, body) => ({ borrower_id: body.borrower_id, loan_id: body.loan_id }),
  borrowerIdOf: (_params, body) => body.borrower_id,
  naturalKeyOf: (_params, body) => [body.borrower_id, body.loan_id, typeof body.request_id === 'string' ? body.request_id : ''],
  configRefsOf: () => [],
  toLedger: ({ base, body }) => ({ ...base, type: 'transfer_ownership', body, loanId: body.loan_id }),
  resultSchema: transferSucceededItemSchema,
  events: [loanOwnershipTransferredEvent],
  example: () => ({
    params: {},
    body: [
      {
        borrower_id: 'B1',
        loan_id: 'L1',
        occurred_on: '2020-01-01T10:15:20-05:00',
        ownership_transfer: { effective_date: '2020-01-01T00:00:00-05:00', new_owner: 'BANK_2' },
        request_id: 'string',
      },
    ],
  }),
  resultExample: () => seedResultExamples.transfer_ownership,
});

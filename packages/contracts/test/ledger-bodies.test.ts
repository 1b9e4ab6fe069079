/**
 * One typed path: the contracts' schemas output exactly what the ledger reads. The type-level
 * half fails the typecheck (and so `npm run typecheck` / lint) when a schema and the ledger's
 * body or config type drift apart; the runtime half parses each seed example as the worker
 * parses a stored body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import type {
  CancelLoanBody, ChargeOffLoanBody, ConfigsByKind, CreateConsolidationBody, CreateLoanBody, CreatePaymentBody,
  CreateReimbursementBody, CreateRestructuringBody, CreateWaiverBody, ReversePaymentBody, TransferItemBody,
} from '@lsl/ledger';
import {
  AppError,
  cancelLoanBodySchema,
  chargeOffLoanBodySchema,
  consolidationConfigSchema,
  createConsolidationBodySchema,
  createLoanBodySchema,
  createPaymentBodySchema,
  createReimbursementBodySchema,
  createRestructuringBodySchema,
  createWaiverBodySchema,
  exampleRequest,
  loanConfigSchema,
  OPERATION_TYPES,
  parseOperationBody,
  paymentConfigSchema,
  restructuringConfigSchema,
  reversePaymentBodySchema,
  transferItemSchema,
  waiverConfigSchema,
} from '../src/index.js';

type Assert<T extends true> = T;
type Outputs<S extends z.ZodType, L> = [z.output<S>] extends [L] ? true : false;
type Body<C> = Omit<C, 'id' | 'version'>;

// Each line fails to compile if the schema's output is not the ledger's type.
export type BodiesMatchTheLedger = [
  Assert<Outputs<typeof createLoanBodySchema, CreateLoanBody>>,
  Assert<Outputs<typeof cancelLoanBodySchema, CancelLoanBody>>,
  Assert<Outputs<typeof createWaiverBodySchema, CreateWaiverBody>>,
  Assert<Outputs<typeof createConsolidationBodySchema, CreateConsolidationBody>>,
  Assert<Outputs<typeof transferItemSchema, TransferItemBody>>,
  Assert<Outputs<typeof createPaymentBodySchema, CreatePaymentBody>>,
  Assert<Outputs<typeof reversePaymentBodySchema, ReversePaymentBody>>,
  Assert<Outputs<typeof createReimbursementBodySchema, CreateReimbursementBody>>,
  Assert<Outputs<typeof chargeOffLoanBodySchema, ChargeOffLoanBody>>,
  Assert<Outputs<typeof createRestructuringBodySchema, CreateRestructuringBody>>,
];

export type ConfigsMatchTheLedger = [
  Assert<Outputs<typeof loanConfigSchema, Body<ConfigsByKind['loans']>>>,
  Assert<Outputs<typeof paymentConfigSchema, Body<ConfigsByKind['payments']>>>,
  Assert<Outputs<typeof waiverConfigSchema, Body<ConfigsByKind['waivers']>>>,
  Assert<Outputs<typeof consolidationConfigSchema, Body<ConfigsByKind['consolidations']>>>,
  Assert<Outputs<typeof restructuringConfigSchema, Body<ConfigsByKind['restructurings']>>>,
];

test('every seed example body parses into the ledger body of its type, additional properties kept', () => {
  for (const type of OPERATION_TYPES) {
    const { body } = exampleRequest(type);
    // The transfer example is the batch; the worker parses one stored item.
    const parsed = parseOperationBody(type, type === 'transfer_ownership' ? (body as unknown[])[0] : body);
    assert.ok(parsed.ok, type);
  }
  const loan = exampleRequest('create_loan').body as { loan: Record<string, unknown> };
  loan.loan['branch'] = 'north';
  const parsed = parseOperationBody('create_loan', loan);
  assert.ok(parsed.ok);
  assert.equal(parsed.value.loan['branch'], 'north');
});

test('a body that no longer parses is a 400 naming its fields, not a throw', () => {
  const parsed = parseOperationBody('create_payment', { payment: { amount_paid: -1, payment_date: 'yesterday' } });
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.ok(parsed.error instanceof AppError);
  assert.equal(parsed.error.httpStatus, 400);
  const fields = (parsed.error.context as { fields: Record<string, string> }).fields;
  assert.ok(fields['payment.amount_paid']);
  assert.ok(fields['payment.payment_date']);
});

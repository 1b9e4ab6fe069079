import { asItemRecord, cancelItemAsSingle, cancelLoansBatchSchema, cancelLoansItemSchema } from './cancel-loans-batch.js';
import type { ParseOperationOptions, ParseResult } from './parse-operation.js';
import { parseSingleBatch, type ParsedSingleBatch, type SingleItemResult } from './parse-single-batch.js';

export type CancelItemResult = SingleItemResult<'cancel_loan'>;
export type ParsedCancelBatch = ParsedSingleBatch<'cancel_loan'>;

/** The cancel-loans batch: each item becomes the single cancel of its loan (`cancel_loan`, key borrower + loan). */
export function parseCancelBatch(input: { query?: unknown; body: unknown }, options: ParseOperationOptions = {}): ParseResult<ParsedCancelBatch> {
  return parseSingleBatch({ type: 'cancel_loan', batchSchema: cancelLoansBatchSchema, itemSchema: cancelLoansItemSchema, asSingle: (item) => cancelItemAsSingle(asItemRecord(item)) }, input, options);
}

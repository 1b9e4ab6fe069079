import type { ParseOperationOptions, ParseResult } from './parse-operation.js';
import { parseSingleBatch, type ParsedSingleBatch, type SingleItemResult } from './parse-single-batch.js';
import { restructureLoansBatchSchema, restructureLoansItemSchema, restructuringItemAsSingle } from './restructure-loans-batch.js';

export type RestructuringItemResult = SingleItemResult<'create_restructuring'>;
export type ParsedRestructuringBatch = ParsedSingleBatch<'create_restructuring'>;

/**
 * The restructure-loans batch: each item becomes the single restructuring of its loan
 * (`create_restructuring`, key borrower + loan + restructuring).
 */
export function parseRestructuringBatch(input: { query?: unknown; body: unknown }, options: ParseOperationOptions = {}): ParseResult<ParsedRestructuringBatch> {
  return parseSingleBatch({ type: 'create_restructuring', batchSchema: restructureLoansBatchSchema, itemSchema: restructureLoansItemSchema, asSingle: restructuringItemAsSingle }, input, options);
}

/**
 * Usury (docs/ledger.md): a loan config may set `usury_rate`. A rate above it is lowered to it
 * (`cap`, the default) or refused with 400 (`reject`). Both the lender's rate ("fixed")
 * and the one the engine uses ("applicable") are kept, so the status can show both.
 */
import type { ErrorBody, LoanConfig } from './api.js';
import { refusal } from './errors.js';
import type { RatePair } from './model.js';
import { toDec } from './decimal.js';

const RATE_FIELDS = ['interest_rate', 'delinquency_interest_rate'] as const;

function rateOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' ? Number(value) || 0 : 0;
}

export function applicableRate(requested: unknown, config: LoanConfig | null | undefined): RatePair {
  const fixed = rateOf(requested);
  const usury = config?.usury_rate;
  if (usury === null || usury === undefined) return { fixed, applicable: fixed };
  // Compared as decimals: 0.3848 vs 0.38480000000000003 must not flip on binary noise.
  return { fixed, applicable: toDec(fixed).gt(toDec(usury)) ? usury : fixed };
}

/**
 * The 400 of usury `reject`, decided without ledger state (usable at intake). `loan` is a
 * create-loan `loan` object or a consolidation's `loan_consolidation` object.
 */
/** The rates usury looks at: a create-loan `loan`, a consolidation's `loan_consolidation`, a restructuring's rates. */
export interface UsuryTerms {
  interest_rate?: number | undefined;
  delinquency_interest_rate?: number | undefined;
}

export function checkUsury(loan: UsuryTerms, loanConfig: LoanConfig | null | undefined): ErrorBody | null {
  if (loanConfig === null || loanConfig === undefined) return null;
  const usury = loanConfig.usury_rate;
  if (usury === null || usury === undefined || loanConfig.usury_behavior !== 'reject') return null;
  const offending = RATE_FIELDS.filter((field) => toDec(rateOf(loan[field])).gt(toDec(usury)));
  if (offending.length === 0) return null;
  const context: Record<string, unknown> = { usury_rate: usury, config_id: loanConfig.id };
  for (const field of offending) context[field] = loan[field];
  return refusal('usury_rate_exceeded', context).body;
}

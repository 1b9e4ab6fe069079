/**
 * The config values the ledger applies, one shape per config kind, each resolved to the version
 * in force when the operation was accepted (`PUT /v1/configs/{kind}/{id}`, docs/api-reference.md "Configs"). Part of the public
 * contract of `api.ts`, which re-exports it.
 */
import type { BucketType, WaiverScope } from './api.js';
import type { DayCount, InterestMethod, RateType, Rounding } from './conventions.js';

/** Loan config (docs/ledger.md: "Usury", "Daily fee", "Late fee", "Interest conventions"; `PUT /v1/configs/loans/{id}` in docs/api-reference.md), resolved to the version in force when the operation was accepted. */
export interface LoanConfig {
  id: string;
  version: number;
  usury_rate: number | null;
  usury_behavior: 'cap' | 'reject';
  daily_fee_max_charge: number | null;
  late_fee_amount: number | null;
  late_fee_grace_days: number;
  /** How the annual rates are read; absent: `effective_annual`. */
  rate_type?: RateType | undefined;
  /** The year fraction of a run of days; absent: `actual/365`. */
  day_count?: DayCount | undefined;
  /** Equal installments on the declining balance, or flat interest on the original principal; absent: `declining_balance`. */
  interest_method?: InterestMethod | undefined;
  /** How every rounded money figure of the loan is rounded to cents; absent: `half_up`. */
  rounding?: Rounding | undefined;
}

/** Payment config: the order in which buckets of one installment are paid. */
export interface PaymentConfig {
  id: string;
  version: number;
  allocation_order: BucketType[];
}

/** Waiver config: reserved for future rules (e.g. scopes allowed); carried for the record. */
export interface WaiverConfig {
  id: string;
  version: number;
}

/** Consolidation config: waivers applied to the original loans, and buckets carried over. */
export interface ConsolidationConfig {
  id: string;
  version: number;
  waivers: Array<{
    bucket: WaiverScope;
    type: 'amount' | 'percentage';
    amount?: number | null;
    percentage?: number | null;
  }>;
  /** Buckets carried into the new loan's principal; default all seven. */
  carried_buckets: BucketType[];
}

/**
 * Restructuring config (config kind `restructurings`): the same two rules as a consolidation
 * config, applied to the one loan restructured into itself (docs/ledger.md, "Restructuring").
 */
export type RestructuringConfig = ConsolidationConfig;

/**
 * The config kinds (`PUT/GET /v1/configs/{kind}/{config_id}`, docs/reads.md): declared here
 * once; contracts validates against this list and the store keys resolved configs by it.
 */
export const CONFIG_KINDS = ['loans', 'payments', 'waivers', 'consolidations', 'restructurings'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** The config value of each kind, resolved to the version in force (`id` and `version` included). */
export interface ConfigsByKind {
  loans: LoanConfig;
  payments: PaymentConfig;
  waivers: WaiverConfig;
  consolidations: ConsolidationConfig;
  restructurings: RestructuringConfig;
}

/**
 * The configs an operation names, resolved at intake and stored with it (the `configs` column):
 * keyed by config kind, each the version in force when the operation was accepted.
 */
export type ResolvedConfigs = { [K in ConfigKind]?: ConfigsByKind[K] };

/** The ledger's one front door: the contract of api.ts, implemented. */
export * from './api.js';
export { LEDGER_OPERATIONS, OPERATION_TYPES, isOperationType } from './operations/registry.js';
export { emptyState, hasLoan, type BorrowerState } from './state.js';
export { apply, type ApplyOutput } from './apply.js';
export { effectiveDayOf } from './execute.js';
export { toDay, endOfDay } from './calendar.js';
export { checkUsury, type UsuryTerms } from './usury.js';
export { statusAt, type BorrowerStatus, type LoanStatus, type BucketStatus, type InstallmentStatus, type PaymentStatus, type Summary } from './status.js';
export { historyOf } from './history.js';
export { stepTypes, stepTypeOf } from './step-types.js';
export { LEDGER_ERRORS, type LedgerErrorKind } from './errors.js';
export { buildSchedule, type Schedule, type ScheduledInstallment } from './schedule.js';
export { DAY_COUNTS, RATE_TYPES, INTEREST_METHODS, ROUNDINGS, conventionsOf, roundMoney, type Conventions, type DayCount, type RateType, type InterestMethod, type Rounding } from './conventions.js';
export { yearFraction, type Fraction } from './day-count.js';
export {
  persistDelta, headOf, restoreState, LIST_NAMES, type PersistDelta, type ListDelta, type ListName, type StoredHead, type StoredItems, type StoredCore,
  type StoredSnapshot, type StoredLoan,
} from './persist.js';
export { StoredLedgerError, type Json } from './stored-json.js';
export { simulateLoan, dailyFeePlan, type LoanQuote, type LoanQuoteResult, type AmortizationRow } from './simulate-loan.js';
export { DEFAULT_DELINQUENCY_BUCKETS, bucketFor, type Delinquency } from './delinquency.js';
export { portfolioLoansOf, type PortfolioLoan } from './portfolio.js';
export { payoffQuoteAt, type PayoffQuoteBody, type PayoffQuoteResult } from './payoff-read.js';
export { judgePromise, portfolioPromisesOf, PROMISE_STATES, type PromiseState, type PromiseStatus, type PortfolioPromise, type PromiseJudgement } from './promises.js';

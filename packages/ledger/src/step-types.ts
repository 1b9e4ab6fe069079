/**
 * The `step_type` of a history record as Kordev names it (docs/ledger.md, "History"): the
 * engine records its own lower-case step names (kept in stored states); reads translate them
 * here. Each operation's declaration names the steps it writes (`steps`); the steps no
 * operation owns (the accruals, the automatic use of the positive balance) are listed here.
 * A step no table knows reads as its name in upper case, so a new step is never shown in the
 * engine's spelling.
 */
import { LEDGER_OPERATIONS } from './operations/registry.js';
import type { StepTypes } from './operations/define.js';

const ENGINE_STEPS: StepTypes = {
  positive_balance_application: 'POSITIVE_BALANCE_APPLICATION',
  late_fee: 'LATE_FEE_CHARGE',
  delinquency_interest_accrual: 'DELINQUENCY_INTEREST_ACCRUAL',
  daily_fee_accrual: 'DAILY_FEE_ACCRUAL',
};

/** Every step: the engine's, then each operation's (built on first use: the registry imports the handlers). */
let table: Map<string, string> | null = null;
function steps(): Map<string, string> {
  table ??= new Map([ENGINE_STEPS, ...Object.values(LEDGER_OPERATIONS).map((declaration) => declaration.steps)].flatMap((s) => Object.entries(s)));
  return table;
}

/** The step table as an object (engine step → step_type). */
export function stepTypes(): Readonly<Record<string, string>> {
  return Object.fromEntries(steps());
}

export function stepTypeOf(step: string): string {
  return steps().get(step) ?? step.toUpperCase();
}

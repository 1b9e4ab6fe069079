import { DEFAULT_CONFIG_ID, type ConfigKind } from '../config-kinds.js';
import type { OperationType } from './catalog.js';

export interface ConfigRef {
  kind: ConfigKind;
  /** Where the body names it, for the 400 of an unknown config (`context.fields`). */
  field: string;
  /** The id, `DEFAULT` when the body gives none. */
  configId: string;
}

/**
 * The configs a (valid) operation body refers to, so intake can refuse an unknown one with 400
 * (docs/api.md) and resolve each to the version in force.
 */
export function configRefsOf(type: OperationType, body: unknown): ConfigRef[] {
  const b = (body ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const id = (value: unknown) => (typeof value === 'string' && value !== '' ? value : DEFAULT_CONFIG_ID);
  switch (type) {
    case 'create_loan':
      return [{ kind: 'loans', field: 'loan.config_id', configId: id(b['loan']?.['config_id']) }];
    case 'create_waiver':
      return [{ kind: 'waivers', field: 'waiver.config_id', configId: id(b['waiver']?.['config_id']) }];
    case 'create_consolidation':
      return [
        { kind: 'loans', field: 'loan_consolidation.loan_config', configId: id(b['loan_consolidation']?.['loan_config']) },
        { kind: 'consolidations', field: 'loan_consolidation.consolidation_config', configId: id(b['loan_consolidation']?.['consolidation_config']) },
      ];
    case 'create_payment':
      return [{ kind: 'payments', field: 'payment.config_id', configId: id(b['payment']?.['config_id']) }];
    case 'create_restructuring':
      return [{ kind: 'restructurings', field: 'loan_restructuring.config_id', configId: id(b['loan_restructuring']?.['config_id']) }];
    case 'cancel_loan':
    case 'transfer_ownership':
    case 'reverse_payment':
    case 'create_reimbursement':
    case 'charge_off_loan':
      return [];
  }
}

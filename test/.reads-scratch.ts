import { createLoanBody, startSystem } from './helpers.js';
const system = await startSystem({ serverWorkerConcurrency: 2 });
try {
  const mig = '?is_migration=true';
  const wait = { prefer: 'wait=10' };
  await system.api.post('/v1/borrowers/B1/loans/L1/create' + mig, createLoanBody(), wait);
  await system.api.post(`/v1/borrowers/B1/payments/P1/create${mig}`, { payment: { amount_paid: 150000, config_id: null, payment_date: `2024-02-25T12:00:00-05:00` }, payment_allocations: null, occurred_on: `2024-02-25T12:00:00-05:00`, request_id: `p1` }, wait);
  const t = await system.api.post(`/v1/borrowers/loans/transfer_ownership${mig}`, [{ borrower_id: 'B1', loan_id: 'L1', occurred_on: '2024-04-01T09:00:00-05:00', ownership_transfer: { effective_date: '2024-04-01T00:00:00-05:00', new_owner: 'BANK_2' }, request_id: 'req-T1' }], wait);
  console.log(JSON.stringify(t.body));
  await system.api.post(`/v1/borrowers/B1/payments/P3/create${mig}`, { payment: { amount_paid: 2000000, config_id: null, payment_date: `2024-04-10T12:00:00-05:00` }, payment_allocations: null, occurred_on: `2024-04-10T12:00:00-05:00`, request_id: `p3` }, wait);
  const h = await system.api.get('/v1/borrowers/B1/get_history?limit=1000');
  for (const e of h.body.entries) console.log(JSON.stringify(e));
  const s = await system.api.get('/v1/borrowers/B1/get_status?calculation_date=2024-04-11');
  console.log(JSON.stringify(s.body.payments, null, 0));
} finally { await system.stop(); }

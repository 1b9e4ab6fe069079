import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { deserializeState, statusAt, historyOf } from '@lsl/ledger';
const raw = readFileSync('/tmp/reads/state.json', 'utf8');
const opts = { timeZone: 'America/Bogota' };
const t = (label: string, fn: () => unknown, n = 20) => {
  for (let i = 0; i < 3; i++) fn();
  const s: number[] = [];
  let out: unknown;
  for (let i = 0; i < n; i++) { const t0 = performance.now(); out = fn(); s.push(performance.now() - t0); }
  s.sort((a, b) => a - b);
  console.log(label.padEnd(40), 'p50', s[Math.floor(n / 2)]!.toFixed(2), 'max', s.at(-1)!.toFixed(2));
  return out;
};
const parsed: any = t('JSON.parse 2MB', () => JSON.parse(raw));
const state: any = t('deserializeState', () => deserializeState(parsed.state));
const today = new Date().toISOString().slice(0, 10);
const st = t('statusAt today', () => statusAt(state, today, opts));
t('statusAt next', () => statusAt(state, '2025-01-02', opts));
t('statusAt mid', () => statusAt(state, parsed.middleDay, opts));
t('JSON.stringify status', () => JSON.stringify(st));
t('historyOf', () => historyOf(state, opts));
console.log('log length', state.log?.length, 'history entries', historyOf(state, opts).length);

#!/usr/bin/env node
// `node scripts/soak.mjs`: runs scripts/soak.ts (TypeScript, from the sources) with tsx.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./soak.ts', import.meta.url));
const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', script], { stdio: 'inherit', cwd: fileURLToPath(new URL('..', import.meta.url)) });
process.exit(run.status ?? 1);

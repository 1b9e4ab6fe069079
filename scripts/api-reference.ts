/**
 * `npm run docs:api`: renders the OpenAPI document built by packages/contracts into
 * docs/api-reference.md. `--check` writes nothing and fails when the committed page is out of
 * date (packages/contracts/test/api-reference.test.ts checks the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument, renderApiReference } from '@lsl/contracts';

export const API_REFERENCE_PATH = new URL('../docs/api-reference.md', import.meta.url);

const page = renderApiReference(buildOpenApiDocument(), 'npm run docs:api');
if (process.argv.includes('--check')) {
  const committed = readFileSync(API_REFERENCE_PATH, 'utf8');
  if (committed !== page) {
    console.error('docs/api-reference.md is out of date: run `npm run docs:api`');
    process.exit(1);
  }
  console.log('docs/api-reference.md is up to date');
} else {
  writeFileSync(API_REFERENCE_PATH, page);
  console.log(`wrote docs/api-reference.md (${page.length} characters)`);
}

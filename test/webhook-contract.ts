import Ajv2020 from 'ajv/dist/2020.js';
import { buildOpenApiDocument } from '@lsl/contracts';

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks delivery bodies against the OpenAPI document's `webhooks` (one schema per event type,
 * docs/webhooks.md): each problem of each delivery, as `type: where what`; none when all conform.
 */
export function deliveryViolations(bodies: readonly string[]): string[] {
  const document = JSON.parse(JSON.stringify(buildOpenApiDocument()));
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true, validateFormats: false, multipleOfPrecision: 6 });
  ajv.addSchema(document, 'openapi');
  const problems: string[] = [];
  for (const body of bodies) {
    const delivery = JSON.parse(body) as { type?: unknown };
    const type = String(delivery.type);
    if (document.webhooks?.[type] === undefined) {
      problems.push(`${type}: not an event type of the document's webhooks`);
      continue;
    }
    const validate = ajv.getSchema(`openapi#/webhooks/${pointer(type)}/post/requestBody/content/application~1json/schema`);
    if (!validate) throw new Error(`no schema for the ${type} delivery`);
    if (!validate(delivery)) {
      for (const e of validate.errors ?? []) problems.push(`${type}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    }
  }
  return problems;
}

/**
 * The OpenAPI document as one Markdown page (`docs/api-reference.md`, written by
 * `npm run docs:api`): every path and method with its parameters, request body, responses and
 * examples, then every named schema field by field. A plain function of the document, so the
 * committed page can be compared with a fresh rendering (test/api-reference.test.ts) and never
 * drifts from the contracts. Why a renderer of our own and not a library: docs/operations.md
 * "API docs".
 */

type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export interface OpenApiLike {
  info: { title: string; version: string; description?: string };
  paths?: object;
  /** OpenAPI 3.1 `webhooks`: what the system sends to subscribed URLs, one entry per event type. */
  webhooks?: object;
  components?: { schemas?: object };
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema; example?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema; example?: unknown }> }>;
}

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
const schemaAnchor = (name: string) => `schema-${name.toLowerCase()}`;
const opAnchor = (method: string, path: string) => `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '');
/** Table cells hold no line breaks or unescaped pipes. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (value: unknown) => '`' + JSON.stringify(value) + '`';
const jsonBlock = (value: unknown) => ['```json', JSON.stringify(value, null, 2), '```'];

/** A schema in a few words: `string (date-time)`, `array of [Loan](#schema-loan)`, `"a" | "b"`. */
export function describeType(schema: Schema | undefined): string {
  if (schema === undefined) return 'any';
  if (schema.$ref) return `[${refName(schema.$ref)}](#${schemaAnchor(refName(schema.$ref))})`;
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map(code).join(' | ');
  if ('const' in schema) return code(schema['const']);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const parts = schema[key] as Schema[] | undefined;
    if (parts) return parts.map(describeType).join(key === 'allOf' ? ' and ' : ' or ');
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const words = types.map((t) => {
    if (t === 'array') return `array of ${describeType(schema.items)}`;
    if (t === 'object' && schema.properties === undefined && schema['additionalProperties'] !== undefined && schema['additionalProperties'] !== false) {
      const values = schema['additionalProperties'] as Schema;
      return Object.keys(values).length === 0 ? 'object' : `map of ${describeType(values)}`;
    }
    return typeof schema['format'] === 'string' && t !== 'null' ? `${t} (${schema['format']})` : t;
  });
  return words.length === 0 ? 'any' : words.join(' | ');
}

/** Bounds, pattern and default, as a short note. */
function constraints(schema: Schema): string {
  const notes: string[] = [];
  const bound = (min: string, max: string, unit: string) => {
    const lo = schema[min] as number | undefined;
    const hi = schema[max] as number | undefined;
    if (lo !== undefined && hi !== undefined) notes.push(`${unit}${lo}..${hi}`);
    else if (lo !== undefined) notes.push(`${unit}≥ ${lo}`);
    else if (hi !== undefined) notes.push(`${unit}≤ ${hi}`);
  };
  bound('minimum', 'maximum', '');
  bound('minLength', 'maxLength', 'length ');
  bound('minItems', 'maxItems', 'items ');
  if (schema['exclusiveMinimum'] !== undefined) notes.push(`> ${String(schema['exclusiveMinimum'])}`);
  if (schema['multipleOf'] !== undefined) notes.push(`multiple of ${String(schema['multipleOf'])}`);
  if (typeof schema['pattern'] === 'string') notes.push(`pattern \`${schema['pattern']}\``);
  if (schema['default'] !== undefined) notes.push(`default ${code(schema['default'])}`);
  return notes.join('; ');
}

/** One row per field, nested inline objects (and arrays of them) flattened as `a.b` / `a[].b`. */
function fieldRows(schema: Schema, prefix = ''): string[] {
  const rows: string[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const path = prefix + name;
    const description = [field['description'] as string | undefined, constraints(field)].filter(Boolean).join(' ');
    rows.push(`| \`${path}\` | ${cell(describeType(field))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(description)} |`);
    if (field.properties) rows.push(...fieldRows(field, `${path}.`));
    else if (field.items?.properties) rows.push(...fieldRows(field.items, `${path}[].`));
  }
  return rows;
}

function schemaSection(name: string, schema: Schema): string[] {
  const lines = [`<a id="${schemaAnchor(name)}"></a>`, `### ${name}`, ''];
  if (typeof schema['description'] === 'string') lines.push(cell(schema['description']), '');
  const note = constraints(schema);
  const summary = describeType(schema);
  if (schema.properties === undefined || Object.keys(schema.properties).length === 0) {
    lines.push(`${summary}${note ? ` (${note})` : ''}`, '');
    return lines;
  }
  if (summary !== 'object') lines.push(`${summary}${note ? ` (${note})` : ''}`, '');
  lines.push('| field | type | required | notes |', '|---|---|---|---|', ...fieldRows(schema), '');
  return lines;
}

/** Examples already shown (JSON → the route that showed it): the common error bodies are shown once. */
type Shown = Map<string, { method: string; path: string }>;

function operationSection(method: string, path: string, op: Operation, shown: Shown): string[] {
  const lines = [`<a id="${opAnchor(method, path)}"></a>`, `### \`${method.toUpperCase()} ${path}\``, ''];
  if (op.summary) lines.push(cell(op.summary), '');
  if (op.description) lines.push(op.description, '');
  const auth = op.security !== undefined && op.security.length === 0 ? 'none' : 'API key (`Authorization: Bearer <key>`)';
  lines.push(`Operation id \`${op.operationId ?? '-'}\`; authentication: ${auth}.`, '');
  if (op.parameters?.length) {
    lines.push('| parameter | in | type | required | notes |', '|---|---|---|---|---|');
    for (const p of op.parameters) {
      const schema = p.schema ?? {};
      const notes = [p.description ?? (schema['description'] as string | undefined), constraints(schema)].filter(Boolean).join(' ');
      lines.push(`| \`${p.name}\` | ${p.in} | ${cell(describeType(schema))} | ${p.required ? 'yes' : 'no'} | ${cell(notes)} |`);
    }
    lines.push('');
  }
  for (const [mediaType, body] of Object.entries(op.requestBody?.content ?? {})) {
    lines.push(`**Request body** (\`${mediaType}\`${op.requestBody?.required ? ', required' : ''}): ${describeType(body.schema)}`, '');
    if (body.example !== undefined) lines.push(...jsonBlock(body.example), '');
  }
  lines.push('**Responses**', '');
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const contents = Object.entries(response.content ?? {});
    const schemas = contents.map(([mediaType, c]) => `\`${mediaType}\` ${describeType(c.schema)}`).join(', ');
    lines.push(`- **${status}** ${cell(response.description ?? '')}${schemas ? `: ${schemas}` : ''}`);
  }
  lines.push('');
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    for (const [, c] of Object.entries(response.content ?? {})) {
      if (c.example === undefined) continue;
      const key = `${status} ${JSON.stringify(c.example)}`;
      const first = shown.get(key);
      if (first !== undefined && Number(status) >= 400) {
        lines.push(`Example ${status}: as for [\`${first.method.toUpperCase()} ${first.path}\`](#${opAnchor(first.method, first.path)}).`, '');
        continue;
      }
      shown.set(key, { method, path });
      lines.push(`Example ${status}:`, '');
      lines.push(...(typeof c.example === 'string' ? ['```', c.example.replace(/\n$/, ''), '```'] : jsonBlock(c.example)), '');
    }
  }
  return lines;
}

/** The Markdown page of an OpenAPI 3.1 document, deterministic for a given document. */
export function renderApiReference(doc: OpenApiLike, generatedBy: string): string {
  const operations: Array<{ tag: string; method: string; path: string; op: Operation }> = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (op) operations.push({ tag: op.tags?.[0] ?? 'Other', method, path, op });
    }
  }
  const tags = [...new Set(operations.map((o) => o.tag))];
  const lines = [
    `# API reference: ${doc.info.title} ${doc.info.version}`,
    '',
    `<!-- Generated by \`${generatedBy}\` from the OpenAPI document of packages/contracts. Do not edit: change the contracts and run it again. -->`,
    '',
    'Generated from the contracts (`buildOpenApiDocument`), the same document the server serves at',
    '`/openapi.json`. What the routes mean and how they fit together is in [api.md](api.md).',
    '',
  ];
  if (doc.info.description) lines.push(doc.info.description, '');
  lines.push('## Routes', '');
  for (const tag of tags) {
    lines.push(`**${tag}**`, '');
    for (const o of operations.filter((x) => x.tag === tag)) {
      lines.push(`- [\`${o.method.toUpperCase()} ${o.path}\`](#${opAnchor(o.method, o.path)}): ${cell(o.op.summary ?? '')}`);
    }
    lines.push('');
  }
  const shown: Shown = new Map();
  for (const tag of tags) {
    lines.push(`## ${tag}`, '');
    for (const o of operations.filter((x) => x.tag === tag)) lines.push(...operationSection(o.method, o.path, o.op, shown));
  }
  const webhooks = Object.entries((doc.webhooks ?? {}) as Record<string, Record<string, unknown>>);
  if (webhooks.length > 0) {
    lines.push('## Webhook deliveries', '', 'What the system POSTs to a subscribed URL for each event type (the document\'s `webhooks`; docs/webhooks.md).', '');
    for (const [type, item] of webhooks) {
      const op = item['post'] as Operation | undefined;
      if (op) lines.push(...operationSection('post', type, op, shown));
    }
  }
  lines.push('## Schemas', '');
  for (const [name, schema] of Object.entries((doc.components?.schemas ?? {}) as Record<string, Schema>)) lines.push(...schemaSection(name, schema));
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

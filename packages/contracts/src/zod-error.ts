import type { z } from 'zod';
import { AppError } from './errors.js';

/** Where a field sits in a request, e.g. `loan.due_dates[0]`; the root is `body`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>, root = 'body'): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (out === '' ? key : `.${key}`) : `[${JSON.stringify(key)}]`;
    }
  }
  if (out === '') return root;
  return out.startsWith('[') ? `${root}${out}` : out;
}

/** Zod's default wording, made readable for a lender: a missing field says so. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
    return `Required (expected ${issue.expected})`;
  }
  return issue.message;
}

/** Field → message map; several issues on one field are joined with "; ". */
export function fieldsOf(issues: ReadonlyArray<z.core.$ZodIssue>, root = 'body'): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const name = formatIssuePath(issue.path, root);
    const message = issueMessage(issue);
    const prior = fields[name];
    if (prior === undefined) fields[name] = message;
    else if (!prior.split('; ').includes(message)) fields[name] = `${prior}; ${message}`;
  }
  return fields;
}

/** The 400 for a set of bad fields: `context.fields` names every one of them. */
export function validationError(fields: Record<string, string>): AppError {
  const names = Object.keys(fields);
  const first = names[0];
  const message =
    first === undefined
      ? 'The request is invalid'
      : `Invalid request: ${first}: ${fields[first]}${names.length > 1 ? ` (and ${names.length - 1} more field${names.length > 2 ? 's' : ''})` : ''}`;
  return new AppError('validation_failed', message, { fields });
}

/** A ZodError (or its issues) → 400 AppError whose `context.fields` names each bad field. */
export function fromZodError(err: z.ZodError | { issues: ReadonlyArray<z.core.$ZodIssue> }, root = 'body'): AppError {
  return validationError(fieldsOf(err.issues, root));
}

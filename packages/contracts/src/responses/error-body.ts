import { z } from 'zod';
import type { ErrorBody } from '../errors.js';

/** The seed error body, field for field: the schema of the `ErrorBody` type (errors.ts). */
export const errorBodySchema = z
  .object({
    code: z.number().int().meta({ description: 'Application-specific error code.' }),
    context: z.looseObject({}).meta({ description: 'Application context; for a 400, `fields` maps each bad field to a message.' }),
    error: z.string().meta({ description: 'Error message.' }),
    status: z.string().meta({ description: 'Status text.' }),
  })
  .meta({ id: 'ErrorBody', example: { code: 4000, context: { fields: { 'loan.due_dates[0]': 'Must be one ISO 8601 date-time with seconds and a UTC offset, e.g. 2020-02-01T23:59:59.999999-05:00' } }, error: 'Invalid request: loan.due_dates[0]: ...', status: 'Bad Request' } }) satisfies z.ZodType<ErrorBody>;

import { randomBytes } from 'node:crypto';

/** A fresh signing secret: `whsec_` + base64 of 32 random bytes (the Standard Webhooks form). */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

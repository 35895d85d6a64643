// Secrets at rest: AES-256-GCM with a key derived (HKDF-SHA256) from SECRETS_KEY and a purpose, so one
// SECRETS_KEY gives independent keys to each use. Each value is bound to its row (additional data), so a
// sealed value copied onto another row does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The shortest SECRETS_KEY accepted (checked at start by config.ts, and again here). */
export const MIN_SECRETS_KEY_LENGTH = 32;

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

export class SecretBoxError extends Error {
  readonly code = 'SECRET_UNREADABLE';
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface SecretBox {
  seal(plain: string, boundTo: string): string;
  open(sealed: string, boundTo: string): string;
}

export function createSecretBox(secretsKey: string, purpose: string): SecretBox {
  if (secretsKey.length < MIN_SECRETS_KEY_LENGTH) {
    throw new SecretBoxError(`SECRETS_KEY must be at least ${MIN_SECRETS_KEY_LENGTH} characters long.`);
  }
  const key = Buffer.from(hkdfSync('sha256', secretsKey, 'warm-handover', purpose, KEY_BYTES));
  return {
    seal(plain, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed, boundTo) {
      const [format, iv, tag, body] = sealed.split('.');
      if (format !== FORMAT || !iv || !tag || body === undefined)
        throw new SecretBoxError('A stored secret is not in a format this program knows.');
      try {
        const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          'A stored secret could not be opened: SECRETS_KEY has changed or the value was altered.',
        );
      }
    },
  };
}

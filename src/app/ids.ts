// Short, unguessable ids people can read out over the phone: H-7KQ2-M9XD.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

export function newId(prefix: string, length = 8): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 32];
  return `${prefix}-${out.slice(0, 4)}-${out.slice(4)}`;
}

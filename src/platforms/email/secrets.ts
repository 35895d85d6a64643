// Random tokens, one-time codes and their hashes. Only hashes are stored; comparisons take constant time.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: a link token or a session id (base64url, 43 characters). */
export const TOKEN_BYTES = 32;
export const CODE_DIGITS = 6;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function randomToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A code of CODE_DIGITS digits, leading zeros kept. */
export function randomCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/** The stored hash of a code: bound to its link so one hash never matches another link's code. */
export function codeHash(linkId: string, code: string): string {
  return sha256(`${linkId}:${code}`);
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** s***@example.org: enough for a person to recognise their address, not enough to harvest it. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

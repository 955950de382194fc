import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key secrets: 32 random bytes, so a plain SHA-256 is a safe thing to store (nothing to
 * brute-force, unlike a password) and fast enough to check on every request.
 */
export const SECRET_PREFIX = 'kpil_';
/** Secrets given in API_KEYS are chosen by people: at least this long (a generated one has 48). */
export const MIN_SECRET_LENGTH = 32;
/** Characters a secret may hold: base64url, plus what other generators use, never `:` or `,`. */
export const SECRET_CHARS = /^[A-Za-z0-9._~+/=-]+$/;

export const newSecret = (): string => SECRET_PREFIX + randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Equal hex SHA-256 digests, compared in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}

export type BearerSecret = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'secret'; secret: string };

/** `Authorization: Bearer <secret>` (RFC 6750: the scheme is case-insensitive). */
export function bearerSecret(header: string | string[] | undefined): BearerSecret {
  if (header === undefined || header === '') return { kind: 'missing' };
  if (Array.isArray(header)) return { kind: 'malformed' };
  const match = /^Bearer +([\x21-\x7e]{1,512})$/i.exec(header.trim());
  return match ? { kind: 'secret', secret: match[1] } : { kind: 'malformed' };
}

import { isIP } from 'node:net';
import { MIN_SECRET_LENGTH, SECRET_CHARS } from '../access/api-key-secret.js';
import { isKeyRole, KEY_ROLES, type KeyRole } from '../ledger/access/access-rights.js';

/** A key given in API_KEYS (for containers): granted at boot, see AccessKeys.grantBootKeys. */
export interface BootKey {
  name: string;
  role: KeyRole;
  secret: string;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
  /** RATE_LIMIT was set: it then applies in open mode too (per client IP). */
  explicit: boolean;
}

export interface SecurityConfig {
  apiKeys: BootKey[];
  /** Origins allowed to call the API from a browser; empty: CORS off (no CORS headers at all). */
  corsOrigins: string[];
  /** null: RATE_LIMIT=off. */
  rateLimit: RateLimit | null;
}

/** Thrown with one line that says what to fix; app-config turns it into its ConfigError. */
export class SecurityConfigError extends Error {}

export const DEFAULT_RATE_LIMIT = '600/min';
const WINDOWS: Record<string, number> = { s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000, hour: 3_600_000 };

export function parseSecurityConfig(env: Record<string, string | undefined>): SecurityConfig {
  return {
    apiKeys: parseApiKeys(env.API_KEYS),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    rateLimit: parseRateLimit(env.RATE_LIMIT),
  };
}

/** `name:role:secret,…`. Errors name the entry and the key, never the secret. */
export function parseApiKeys(raw: string | undefined): BootKey[] {
  if (raw === undefined || raw.trim() === '') return [];
  const keys: BootKey[] = [];
  raw.split(',').forEach((entry, i) => {
    const parts = entry.trim().split(':');
    const at = `API_KEYS entry ${i + 1}`;
    if (parts.length !== 3) {
      throw new SecurityConfigError(
        `${at} is not name:role:secret (give each key as alice:analyst:<secret>, comma-separated)`,
      );
    }
    const [name, role, secret] = parts;
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name)) {
      throw new SecurityConfigError(`${at}: "${name}" is not a key name: lower-case letters, digits, ".", "_" or "-"`);
    }
    if (!isKeyRole(role)) {
      throw new SecurityConfigError(`${at} (${name}): "${role}" is not a role: use one of ${KEY_ROLES.join(', ')}`);
    }
    if (secret.length < MIN_SECRET_LENGTH || !SECRET_CHARS.test(secret)) {
      throw new SecurityConfigError(
        `${at} (${name}): the secret must be at least ${MIN_SECRET_LENGTH} characters of A-Z a-z 0-9 . _ ~ + / = - (make one with: kpi-ledger keys secret)`,
      );
    }
    if (keys.some((key) => key.name === name)) throw new SecurityConfigError(`${at}: the name ${name} is given twice`);
    if (keys.some((key) => key.secret === secret)) {
      throw new SecurityConfigError(
        `${at} (${name}): the same secret is given to another key; every key needs its own`,
      );
    }
    keys.push({ name, role, secret });
  });
  return keys;
}

/** `https://a.example,https://b.example`: exact origins (scheme, host, optional port), nothing else. */
export function parseCorsOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((text) => {
    const origin = text.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
      throw new SecurityConfigError(
        `CORS_ORIGINS: "${origin}" is not an origin: give scheme://host[:port] without a path or a trailing slash, e.g. https://dashboard.example.com`,
      );
    }
    return origin;
  });
}

/** `<requests>/<s|min|h>` per key (per client IP in open mode), or `off`. */
export function parseRateLimit(raw: string | undefined): RateLimit | null {
  const explicit = raw !== undefined && raw.trim() !== '';
  const text = explicit ? raw.trim().toLowerCase() : DEFAULT_RATE_LIMIT;
  if (text === 'off') return null;
  const match = /^(\d{1,9})\s*\/\s*([a-z]+)$/.exec(text);
  const windowMs = match ? WINDOWS[match[2]] : undefined;
  if (!match || windowMs === undefined || Number(match[1]) < 1) {
    throw new SecurityConfigError(
      `RATE_LIMIT=${raw} is not a rate: use requests per s, min or h, e.g. ${DEFAULT_RATE_LIMIT} (the default), or off`,
    );
  }
  return { limit: Number(match[1]), windowMs, explicit };
}

/**
 * Open mode (no key, no authentication) is only for a server that nobody else can reach: a
 * loopback address. `localhost` counts; `0.0.0.0` and `::` listen everywhere and do not.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

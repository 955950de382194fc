import { parseSecurityConfig, type SecurityConfig, SecurityConfigError } from './security-config.js';

/**
 * Configuration is parsed and validated once at boot into a typed object; a bad value stops the
 * process with one line that says what to fix.
 */
export type Role = 'all' | 'api' | 'projector';

export interface AppConfig {
  port: number;
  host: string;
  eventStoreUrl: string;
  readModelUrl: string;
  role: Role;
  /** Refuse to start when the event store's hash chain is broken (default: report and serve). */
  verifyOnStart: boolean;
  /**
   * How far V8 may let the heap grow past what survived the last full GC before it collects again,
   * in percent (HEAP_GROWTH_PERCENT; 0 leaves V8's own choice, which is up to 300 %). See heap-growth.ts.
   */
  heapGrowthPercent: number;
  /** API_KEYS, CORS_ORIGINS, RATE_LIMIT: see security-config.ts and README "Security". */
  security: SecurityConfig;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Measured in BENCHMARKS.md ("rss_server"): about 110 MB less resident memory, reads as fast. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;
/** V8's own heuristics grow the heap by at most 300 % (a factor of 4) between full GCs. */
const MAX_HEAP_GROWTH_PERCENT = 300;

const ROLES: readonly Role[] = ['all', 'api', 'projector'];
const EVENT_STORE_SCHEMES = ['sqlite:<path>', 'kurrentdb://<host>:2113', 'esdb://<host>:2113', 'memory:'];
/**
 * A KurrentDB / EventStoreDB connection string, as the client parses it: optional user:password@,
 * one or more host[:port] separated by commas, an optional `/` and `?key=value&…` settings.
 */
const KURRENTDB_URL =
  /^(?:kurrentdb|esdb)(?:\+discover)?:\/\/(?:[^\s/?#@]+@)?[^\s/?#@,:]+(?::\d{1,5})?(?:,[^\s/?#@,:]+(?::\d{1,5})?)*\/?(?:\?[^\s#]*)?$/;

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const port = parsePort(env.PORT);
  const host = (env.HOST ?? '127.0.0.1').trim();
  if (host === '') throw new ConfigError('HOST is empty: set it to an interface address such as 127.0.0.1 or 0.0.0.0');
  const eventStoreUrl = parseEventStoreUrl(env.EVENT_STORE_URL ?? 'sqlite:./data/ledger.db');
  const readModelUrl = (env.READ_MODEL_URL ?? 'sqlite:./data/read.db').trim();
  const role = (env.ROLE ?? 'all').trim() as Role;
  if (!ROLES.includes(role)) {
    throw new ConfigError(`ROLE=${env.ROLE} is not a role: use one of ${ROLES.join(', ')}`);
  }
  const verifyOnStart = parseBoolean('VERIFY_ON_START', env.VERIFY_ON_START, false);
  const heapGrowthPercent = parseHeapGrowth(env.HEAP_GROWTH_PERCENT);
  return { port, host, eventStoreUrl, readModelUrl, role, verifyOnStart, heapGrowthPercent, security: securityOf(env) };
}

function securityOf(env: Record<string, string | undefined>): SecurityConfig {
  try {
    return parseSecurityConfig(env);
  } catch (error) {
    throw error instanceof SecurityConfigError ? new ConfigError(error.message) : error;
  }
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT=${raw} is not a TCP port: use a whole number from 0 to 65535 (default 3000)`);
  }
  return port;
}

function parseHeapGrowth(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_HEAP_GROWTH_PERCENT;
  const percent = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || percent > MAX_HEAP_GROWTH_PERCENT) {
    throw new ConfigError(
      `HEAP_GROWTH_PERCENT=${raw} is not a growth: use a whole number from 0 (V8's own choice) to ${MAX_HEAP_GROWTH_PERCENT} (default ${DEFAULT_HEAP_GROWTH_PERCENT})`,
    );
  }
  return percent;
}

function parseEventStoreUrl(raw: string): string {
  const url = raw.trim();
  if (url === 'memory:') return url;
  if (url.startsWith('sqlite:')) {
    if (url.slice('sqlite:'.length).trim() === '') {
      throw new ConfigError(`EVENT_STORE_URL=${raw} names no file: use sqlite:<path>, e.g. sqlite:./data/ledger.db`);
    }
    return url;
  }
  if (/^(?:kurrentdb|esdb)(?:\+discover)?:/.test(url)) {
    if (!KURRENTDB_URL.test(url)) {
      throw new ConfigError(
        `EVENT_STORE_URL=${raw} is not a KurrentDB connection string: use e.g. kurrentdb://host:2113?tls=false (or kurrentdb+discover://, esdb://, esdb+discover://)`,
      );
    }
    return url;
  }
  throw new ConfigError(
    `EVENT_STORE_URL=${raw} is not supported: use one of ${EVENT_STORE_SCHEMES.join(', ')} (default sqlite:./data/ledger.db)`,
  );
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name}=${raw} is not a boolean: use true or false`);
}

export const APP_CONFIG = Symbol('APP_CONFIG');

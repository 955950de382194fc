/**
 * Stream names. Slugs cannot contain a dot, so `.` separates company and entity unambiguously.
 * FX rates get one stream per currency pair: small folds, no contention between pairs.
 */
export const companyStream = (companyId: string) => `company-${companyId}`;
export const metricStream = (companyId: string, metricId: string) => `metric-${companyId}.${metricId}`;
export const targetStream = (companyId: string, targetId: string) => `target-${companyId}.${targetId}`;
export const fxStream = (from: string, to: string) => `fx-${from}.${to}`;

/** The company a stream belongs to (`company-c`, `metric-c.m`, `target-c.t`), or null for FX and others. */
export function companyOfStream(stream: string): string | null {
  const match = /^(?:company-([a-z0-9-]+)|(?:metric|target)-([a-z0-9-]+)\.[a-z0-9-]+)$/.exec(stream);
  return match ? (match[1] ?? match[2]) : null;
}

export const isFxStream = (stream: string) => /^fx-[A-Z]{3}\.[A-Z]{3}$/.test(stream);

/** API keys: one stream for every grant and revocation, so that one fold gives who may do what. */
export const ACCESS_STREAM = 'access-keys';

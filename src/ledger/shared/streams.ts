/**
 * Stream names. Slugs cannot contain a dot, so `.` separates company and entity unambiguously.
 * FX rates get one stream per currency pair: small folds, no contention between pairs.
 */
export const companyStream = (companyId: string) => `company-${companyId}`;
export const metricStream = (companyId: string, metricId: string) => `metric-${companyId}.${metricId}`;
export const targetStream = (companyId: string, targetId: string) => `target-${companyId}.${targetId}`;
export const fxStream = (from: string, to: string) => `fx-${from}.${to}`;

/** What a stream of a company is about: the company itself, or one of its metrics or targets. */
export type CompanyStreamOf =
  { kind: 'company'; companyId: string } | { kind: 'metric' | 'target'; companyId: string; id: string };

/** The company and entity of `company-c`, `metric-c.m` or `target-c.t`; null for FX and others. */
export function parseCompanyStream(stream: string): CompanyStreamOf | null {
  const match = /^(?:company-([a-z0-9-]+)|(metric|target)-([a-z0-9-]+)\.([a-z0-9-]+))$/.exec(stream);
  if (match === null) return null;
  if (match[1] !== undefined) return { kind: 'company', companyId: match[1] };
  return { kind: match[2] as 'metric' | 'target', companyId: match[3], id: match[4] };
}

/** The company a stream belongs to (`company-c`, `metric-c.m`, `target-c.t`), or null for FX and others. */
export const companyOfStream = (stream: string): string | null => parseCompanyStream(stream)?.companyId ?? null;

export const isFxStream = (stream: string) => /^fx-[A-Z]{3}\.[A-Z]{3}$/.test(stream);

/** API keys: one stream for every grant and revocation, so that one fold gives who may do what. */
export const ACCESS_STREAM = 'access-keys';

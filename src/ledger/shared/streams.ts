/**
 * Stream names. Slugs cannot contain a dot, so `.` separates company and entity unambiguously.
 * FX rates get one stream per currency pair: small folds, no contention between pairs.
 */
export const companyStream = (companyId: string) => `company-${companyId}`;
export const metricStream = (companyId: string, metricId: string) => `metric-${companyId}.${metricId}`;
export const targetStream = (companyId: string, targetId: string) => `target-${companyId}.${targetId}`;
export const fxStream = (from: string, to: string) => `fx-${from}.${to}`;

/**
 * Facts from other streams that a decision needs, looked up by the shell before deciding.
 * `null` means the stream does not exist.
 */
export type CompanyContext = Readonly<{ companyId: string; fiscalYearEnd: string; reportingCurrency: string }>;

export type MetricUnit = 'currency' | 'count' | 'percent' | 'ratio';

export type MetricContext = Readonly<{ metricId: string; unit: MetricUnit; discontinued: boolean }>;

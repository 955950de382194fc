/**
 * Facts from other streams that a decision needs, looked up by the shell before deciding.
 * `null` means the stream does not exist.
 */
export type CompanyContext = Readonly<{ companyId: string; fiscalYearEnd: string; reportingCurrency: string }>;

export type MetricUnit = 'currency' | 'count' | 'percent' | 'ratio';

/** `discontinuedOn`: the statedAt of the discontinuation in force, absent while the metric is disclosed. */
export type MetricContext = Readonly<{ metricId: string; unit: MetricUnit; discontinuedOn?: string }>;

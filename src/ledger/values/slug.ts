const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Ids of companies, metrics and targets: lower-case, URL-safe, and free of the `.` that separates them in stream names. */
export const isSlug = (value: unknown): boolean => typeof value === 'string' && SLUG.test(value);

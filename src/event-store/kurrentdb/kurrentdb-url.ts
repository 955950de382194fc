export const KURRENTDB_SCHEMES: readonly string[] = [
  'kurrentdb://',
  'kurrentdb+discover://',
  'esdb://',
  'esdb+discover://',
];

/**
 * True for the connection strings the KurrentDB adapter accepts. Apart from the adapter, so that
 * choosing a store does not load the KurrentDB client (gRPC) where SQLite is used.
 */
export function isKurrentDbUrl(url: string): boolean {
  return KURRENTDB_SCHEMES.some((scheme) => url.startsWith(scheme));
}

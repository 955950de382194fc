/** The API key lives in this tab's session storage: entered once, gone when the tab closes. */
const KEY = 'kpi-ledger.api-key';

export function readApiKey(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeApiKey(key: string): void {
  const trimmed = key.trim();
  if (trimmed === '') sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, trimmed);
}

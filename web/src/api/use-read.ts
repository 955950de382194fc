import { useEffect, useState } from 'react';
import { useLedger } from '../ledger-context.js';
import { readQuery, type View } from '../routing.js';
import { ApiError, apiRead } from './client.js';

export type Read<T> = { data: T | undefined; error: ApiError | undefined; loading: boolean };

type Settled<T> = { key: string; data?: T; error?: ApiError };

/**
 * Reads `path` for the current view (or `view` when given, e.g. `{}` for reads that take no
 * as-of), again after every write. `null` reads nothing. While a new answer for the same path is
 * on its way (another view, or after a write) the previous one stays on screen, marked as loading,
 * so that the page does not jump.
 */
export function useRead<T>(path: string | null, view?: View): Read<T> {
  const ledger = useLedger();
  const effectiveView = view ?? ledger.view;
  const key = path === null ? '' : `${path}${readQuery(effectiveView)}#${ledger.version}`;
  const [settled, setSettled] = useState<Settled<T>>({ key: '' });
  const [last, setLast] = useState<{ path: string; data: T } | undefined>(undefined);

  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    apiRead<T>(path, effectiveView, abort.signal).then(
      (data) => {
        setSettled({ key, data });
        setLast({ path, data });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, null, String(error));
        setSettled({ key, error: apiError });
      },
    );
    return () => abort.abort();
    // The key names the request completely (path, view and version).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const current = settled.key === key;
  return {
    data: current ? settled.data : last?.path === path ? last.data : undefined,
    error: current ? settled.error : undefined,
    loading: !current && path !== null,
  };
}

import { createContext, useContext } from 'react';
import type { Route, View } from './routing.js';

/** What every page needs: where it is, the view it shows, and a counter that moves on each write. */
export type LedgerState = {
  route: Route;
  view: View;
  /** Bumped after every successful write, so that every read on the page is made again. */
  version: number;
  recorded: () => void;
};

export const LedgerStateContext = createContext<LedgerState | null>(null);

export function useLedger(): LedgerState {
  const state = useContext(LedgerStateContext);
  if (state === null) throw new Error('useLedger outside <App>');
  return state;
}

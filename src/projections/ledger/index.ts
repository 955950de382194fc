/** The read side of one company's ledger: pure folds, bitemporal filtering, history and target status. */
export * from './company-ledger.projection.js';
export * from './fx-rates.projection.js';
export * from './fx-conversion.js';
export * from './bitemporal.js';
export * from './history.js';
export * from './target-status.js';
export * from './ledger-views.js';

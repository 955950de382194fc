/** The write-side domain: pure deciders, their commands and events, and the value rules. */
export * from './shared/domain-error.js';
export * from './shared/message.js';
export * from './shared/streams.js';
export * from './shared/context.js';

export * from './values/calendar-date.js';
export * from './values/currency.js';
export * from './values/decimal.js';
export * from './values/period.js';
export * from './values/slug.js';
export * from './values/source.js';

export * from './company/company.commands.js';
export * from './company/company.events.js';
export * from './company/company.decider.js';

export * from './metric/metric.commands.js';
export * from './metric/metric.events.js';
export * from './metric/metric.decider.js';

export * from './target/target.commands.js';
export * from './target/target.events.js';
export * from './target/target.decider.js';

export * from './fx/fx.commands.js';
export * from './fx/fx.events.js';
export * from './fx/fx.decider.js';

export * from './access/access-rights.js';
export * from './access/access.commands.js';
export * from './access/access.events.js';
export * from './access/access.decider.js';

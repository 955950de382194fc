import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessKeys } from './access/access-keys.js';
import { AccessGuard } from './access/access.guard.js';
import { AuditController } from './api/audit/audit.controller.js';
import { CompaniesController } from './api/companies/companies.controller.js';
import { FiguresController } from './api/figures/figures.controller.js';
import { FxRatesController } from './api/fx-rates/fx-rates.controller.js';
import { HealthController } from './api/health/health.controller.js';
import { MetricsController } from './api/metrics/metrics.controller.js';
import { ProblemDetailsFilter } from './api/problem-details/problem-details.filter.js';
import { LedgerReadsController } from './api/reads/ledger-reads.controller.js';
import { ReadFreshness } from './api/reads/read-freshness.js';
import { TargetsController } from './api/targets/targets.controller.js';
import { ChainCheck } from './application/chain-check.js';
import { CLOCK, type Clock, ID_SOURCE, type IdSource, systemClock, uuidIdSource } from './application/clock.js';
import { COMPANY_COMMAND_HANDLERS } from './application/company-command.handlers.js';
import { LedgerContext } from './application/ledger-context.js';
import { AFTER_APPEND, LedgerWriter } from './application/ledger-writer.js';
import { METRIC_COMMAND_HANDLERS } from './application/metric-command.handlers.js';
import { TARGET_COMMAND_HANDLERS } from './application/target-command.handlers.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { createEventStore } from './event-store/create-event-store.js';
import { EVENT_STORE, type EventStore } from './event-store/event-store.port.js';
import { LedgerReader } from './read-side/ledger-reader.js';
import { LEDGER_QUERY_HANDLERS } from './read-side/ledger-queries.js';
import { createProjectionRunner, PROJECTION_RUNNER, Projector } from './read-side/projector.js';
import { OBSERVABILITY_PROVIDERS, PrometheusController } from './observability/index.js';
import { createReadStore } from './read-store/create-read-store.js';
import { READ_STORE, type ReadStore } from './read-store/read-store.port.js';

export interface AppOverrides {
  clock?: Clock;
  idSource?: IdSource;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        CompaniesController,
        MetricsController,
        FiguresController,
        TargetsController,
        FxRatesController,
        LedgerReadsController,
        AuditController,
        HealthController,
        PrometheusController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        { provide: ID_SOURCE, useValue: overrides.idSource ?? uuidIdSource },
        {
          provide: EVENT_STORE,
          useFactory: () => createEventStore(config.eventStoreUrl, { verifyOnOpen: config.verifyOnStart }),
        },
        { provide: READ_STORE, useFactory: () => createReadStore(config.readModelUrl) },
        {
          provide: PROJECTION_RUNNER,
          useFactory: (store: EventStore, readStore: ReadStore) => createProjectionRunner(store, readStore),
          inject: [EVENT_STORE, READ_STORE],
        },
        Projector,
        {
          provide: AFTER_APPEND,
          useFactory: (projector: Projector) => () => projector.afterAppend(),
          inject: [Projector],
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: AccessGuard },
        AccessKeys,
        LedgerWriter,
        LedgerContext,
        ChainCheck,
        LedgerReader,
        ReadFreshness,
        ...LEDGER_QUERY_HANDLERS,
        ...COMPANY_COMMAND_HANDLERS,
        ...METRIC_COMMAND_HANDLERS,
        ...TARGET_COMMAND_HANDLERS,
        ...OBSERVABILITY_PROVIDERS,
      ],
    };
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { ProjectionRunner } from '../read-store/projection-runner.js';
import { READ_STORE, type ReadStore } from '../read-store/read-store.port.js';
import { createLeaderLock, type LeaderLock } from './leader-lock.js';
import { READ_MODELS } from './read-models.js';

export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');

/** How often a standby projector tries to take the lead. */
export const LEADER_POLL_MS = 1000;

export function createProjectionRunner(store: EventStore, readStore: ReadStore): ProjectionRunner {
  return new ProjectionRunner(store, readStore, READ_MODELS, { logger: new Logger('Projections') });
}

/**
 * Runs the projections as the role says: `all` catches up at start and after every write (so a
 * read after a 201 sees it), `projector` follows the log live, `api` only reads. Closes both
 * stores, in order, on shutdown.
 */
@Injectable()
export class Projector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly lock: LeaderLock;
  private standby?: NodeJS.Timeout;
  /** Whether this process runs the projections (always in `all`, by election in `projector`). */
  leader = false;

  constructor(
    @Inject(PROJECTION_RUNNER) readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {
    this.lock = createLeaderLock(config.readModelUrl);
  }

  get inline(): boolean {
    return this.config.role === 'all';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'all') {
      this.leader = true;
      await this.runner.catchUp();
    }
    if (this.config.role === 'projector') await this.campaign();
  }

  /** A projector leads when it holds the lock; until then it stands by and tries again. */
  private async campaign(): Promise<void> {
    if (await this.lock.tryAcquire()) {
      this.leader = true;
      this.logger.log('leading: projecting from the checkpoints');
      this.runner.start();
      return;
    }
    if (this.standby === undefined) this.logger.log('standing by: another projector leads');
    this.standby = setTimeout(
      () => void this.campaign().catch((e: unknown) => this.logger.error(String(e))),
      LEADER_POLL_MS,
    );
  }

  /** Called by the write path after each append (read-your-writes on the embedded store). */
  async afterAppend(): Promise<void> {
    if (this.inline) await this.runner.catchUp();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.standby);
    await this.runner.stop();
    await this.lock.release();
    await this.readStore.close();
    await this.store.close();
  }
}

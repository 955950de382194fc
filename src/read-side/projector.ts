import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { ProjectionRunner } from '../read-store/projection-runner.js';
import { READ_STORE, type ReadStore } from '../read-store/read-store.port.js';
import { createLeaderLock, type LeaderLock } from './leader-lock.js';
import { ProjectionThread } from './projection-thread.js';
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
  /** ROLE=all: the worker thread that projects after writes, started by the first write. */
  private thread?: Promise<ProjectionThread | undefined>;
  private started?: ProjectionThread;
  private stopping = false;
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

  /**
   * Called by the write path after each append (read-your-writes on the embedded store): resolves
   * once the read models hold the append, caught up in the projection thread when there is one.
   */
  async afterAppend(): Promise<void> {
    if (!this.inline) return;
    const thread = await this.projectionThread();
    if (thread !== undefined) {
      try {
        return await thread.catchUp();
      } catch (error) {
        if (thread.failed === undefined) throw error;
        this.logger.error(`${thread.failed.message}; projecting in the server's thread from now on`);
      }
    }
    await this.runner.catchUp();
  }

  /**
   * Where ROLE=all projects after a write, for /health: `thread` (the projection thread runs),
   * `thread not started` (it starts with the first write), `server` (PROJECTION_THREAD=false, a
   * store a thread cannot share, or the thread failed: see the log) or `none` (other roles).
   */
  get projectsIn(): 'thread' | 'thread not started' | 'server' | 'none' {
    if (!this.inline) return 'none';
    if (!this.config.projectionThread || !ProjectionThread.available(this.threadData())) return 'server';
    if (this.started === undefined) return 'thread not started';
    return this.started.failed === undefined ? 'thread' : 'server';
  }

  private threadData() {
    return { eventStoreUrl: this.config.eventStoreUrl, readModelUrl: this.config.readModelUrl };
  }

  /** Started on the first write, so that a server that only reads never pays for a second heap. */
  private async projectionThread(): Promise<ProjectionThread | undefined> {
    if (this.stopping || !this.config.projectionThread) return undefined;
    const data = this.threadData();
    this.thread ??= ProjectionThread.available(data)
      ? ProjectionThread.start(data).then(
          (thread) => {
            this.started = thread;
            return thread;
          },
          (error: unknown) => {
            this.logger.error(
              `the projection thread did not start (${error instanceof Error ? error.message : String(error)}); projecting in the server's thread`,
            );
            return undefined;
          },
        )
      : Promise.resolve(undefined);
    const thread = await this.thread;
    return thread?.failed === undefined ? thread : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.standby);
    this.stopping = true;
    // The thread's batch in flight commits before its connections close, as the runner's does.
    await (await this.thread)?.stop();
    await this.runner.stop();
    await this.lock.release();
    await this.readStore.close();
    await this.store.close();
  }
}

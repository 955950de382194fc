import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies a WAL database's committed pages back into its main file from a worker thread, so that
 * the connection that commits (the request thread) seldom has to.
 *
 * SQLite checkpoints on the committing connection, inside the commit that takes the WAL past
 * `wal_autocheckpoint` pages: it copies them all and syncs both files. On the read store, whose
 * documents are tens of KB, that was two thirds of a commit's time on average and stalls of
 * 80-90 ms (3,000 commits of 15-105 KB documents: 685 µs per commit, 92 ms at worst; with this
 * checkpointer 335 µs and 24 ms). SQLite's own checkpoint stays on: the worker's PASSIVE
 * checkpoints leave it only the pages of the last few commits to copy, and it is what lets the
 * WAL start over (that needs a checkpoint that has caught up when the next write begins, which a
 * checkpoint in another thread almost never is under a steady stream of commits). Durability does
 * not change: a commit is as durable as its connection's `synchronous` makes it before anything is
 * copied; the copy only moves committed pages.
 *
 * The worker sleeps until the owner reports a commit (`committed()`: an atomic add and notify),
 * then waits COALESCE_MS so that one checkpoint (and its syncs) covers the commits of that time.
 */
export class WalCheckpointer {
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopped = false;

  private constructor(path: string, synchronous: 'NORMAL' | 'FULL', onError: (error: Error) => void) {
    const worker = (this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, synchronous, driver: resolveDriver(), signal: this.signal.buffer, coalesceMs: COALESCE_MS },
    }));
    // Does not keep the process alive while it waits; close() holds it until the worker is gone.
    worker.unref();
    this.exited = new Promise((resolve) => {
      // Only the help stops: SQLite's own checkpoints go on as before.
      worker.on('error', onError);
      worker.on('exit', () => resolve());
    });
  }

  /**
   * Starts the worker for an existing WAL database file. `onError` hears why it stopped, if it
   * does (by default a process warning).
   */
  static start(
    path: string,
    synchronous: 'NORMAL' | 'FULL',
    onError = (error: Error) => process.emitWarning(`background checkpoints of ${path} stopped: ${error.message}`),
  ): WalCheckpointer {
    return new WalCheckpointer(path, synchronous, onError);
  }

  /** Tells the worker that something was committed. Cheap: no message, no allocation. */
  committed(): void {
    Atomics.add(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
  }

  /** Stops the worker after its checkpoint in flight, if any; its connection is closed when this resolves. */
  async close(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      Atomics.store(this.signal, 1, 1);
      Atomics.add(this.signal, 0, 1);
      Atomics.notify(this.signal, 0);
      this.worker.ref();
    }
    await this.exited;
  }
}

/** How long the worker gathers commits before one checkpoint. */
const COALESCE_MS = 25;

/**
 * better-sqlite3, resolved here: the worker's code is evaluated, so it has no module of its own to
 * resolve from. Resolved on first use, not when the read store's module loads.
 */
let driver: string | undefined;
const resolveDriver = () => (driver ??= createRequire(import.meta.url).resolve('better-sqlite3'));

/**
 * Plain CommonJS, evaluated (`eval: true`), so that it runs the same from dist/ and under the
 * test runner, where there is no compiled worker file. signal[0] counts commits, signal[1] is
 * set to stop. A checkpoint that makes no progress (a reader holds old pages) is not retried
 * until the next commit.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const signal = new Int32Array(workerData.signal);
const pause = new Int32Array(new SharedArrayBuffer(4));
const db = new Database(workerData.path, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 0');
  db.pragma('synchronous = ' + workerData.synchronous);
  // From 0, not the current count: commits reported while the thread started are not missed.
  let seen = 0;
  while (Atomics.load(signal, 1) === 0) {
    Atomics.wait(signal, 0, seen);
    if (Atomics.load(signal, 1) !== 0) break;
    Atomics.wait(pause, 0, 0, workerData.coalesceMs);
    seen = Atomics.load(signal, 0);
    db.pragma('wal_checkpoint(PASSIVE)');
  }
} finally {
  db.close();
}
`;

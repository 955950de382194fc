import { Worker } from 'node:worker_threads';

export interface ProjectionThreadData {
  eventStoreUrl: string;
  readModelUrl: string;
}
export interface ProjectionThreadRequest {
  id: number;
  op: 'catchUp' | 'stop';
}
export type ProjectionThreadReply = { id: number; ok: true } | { id: number; ok: false; message: string };

/** The compiled worker; absent when running from TypeScript sources (tests), see available(). */
const WORKER_URL = new URL('./projection-worker.js', import.meta.url);

/**
 * The projection runner in a worker thread of its own. Under ROLE=all every write waits for the
 * read models to catch up before it answers (read-your-writes); in this thread that wait costs
 * the writes' thread nothing, and folding and storing documents (whose cost grows with the size
 * of a company's ledger) runs on another core. The worker has its own connections: SQLite's WAL
 * lets it read the log and write the read models while this thread appends, and the runner's
 * checkpoints make it exactly as safe as a separate projector process.
 */
export class ProjectionThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ProjectionThreadReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the projection thread exited (code ${code})`)));
  }

  /**
   * A worker needs a JavaScript entry and stores that another connection can share: a file or a
   * server, not `memory:` or `sqlite::memory:`.
   */
  static available(data: ProjectionThreadData): boolean {
    const shareable = (url: string) => url !== 'memory:' && url !== 'sqlite::memory:';
    return (
      WORKER_URL.pathname.endsWith('.js') &&
      import.meta.url.endsWith('.js') &&
      shareable(data.eventStoreUrl) &&
      shareable(data.readModelUrl)
    );
  }

  /** Resolves once the worker has opened both stores. */
  static async start(data: ProjectionThreadData): Promise<ProjectionThread> {
    const thread = new ProjectionThread(new Worker(WORKER_URL, { workerData: data }));
    await thread.request(0);
    return thread;
  }

  /** Same contract as ProjectionRunner.catchUp(): resolves once the read models hold every append made before the call. */
  catchUp(): Promise<void> {
    return this.send('catchUp');
  }

  /** Lets the batch in flight commit, closes the worker's connections and ends it. */
  async stop(): Promise<void> {
    if (this.failure) return;
    await this.send('stop');
    await new Promise<void>((resolve) => {
      if (this.failure) resolve();
      else this.worker.once('exit', () => resolve());
    });
  }

  /** Whether the thread has died (it then answers nothing more). */
  get failed(): Error | undefined {
    return this.failure;
  }

  private send(op: ProjectionThreadRequest['op']): Promise<void> {
    const id = this.nextId++;
    const answer = this.request(id);
    if (!this.failure) this.worker.postMessage({ id, op } satisfies ProjectionThreadRequest);
    return answer;
  }

  private request(id: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private settle(reply: ProjectionThreadReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve();
    else waiter.reject(new Error(reply.message));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(this.failure);
    this.pending.clear();
  }
}

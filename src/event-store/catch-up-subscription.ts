import type { StoredEvent, SubscribeOptions, Subscription, SubscriptionHandler } from './event-store.port.js';

/** Reads the global log after a position; synchronous because both adapters can be. */
export type ReadAfter = (after: number, limit: number) => StoredEvent[];

const PAGE = 256;

/**
 * One reader loop shared by the adapters: page through the log from a cursor, await the handler
 * per event, and when caught up sleep until `notify()` (an append through the same store) or, if
 * `pollIntervalMs` is set, a timer (appends by other processes, which nobody can notify).
 *
 * Positions are assigned under the store's write lock and become visible in order, so a cursor
 * never skips an event that commits later.
 */
export class CatchUpSubscription implements Subscription {
  private cursor: number;
  private stopped = false;
  // Set by notify(); cleared before each read, so a notify that lands between the read and the
  // sleep is not lost.
  private dirty = true;
  private wake: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly read: ReadAfter,
    after: number,
    private readonly handler: SubscriptionHandler,
    private readonly options: SubscribeOptions & { pollIntervalMs?: number; onStopped: () => void },
  ) {
    this.cursor = after;
    this.finished = this.run();
  }

  notify(): void {
    this.dirty = true;
    this.wake?.();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.finished;
  }

  private async run(): Promise<void> {
    // Never call the handler synchronously from inside subscribe().
    await Promise.resolve();
    try {
      while (!this.stopped) {
        this.dirty = false;
        const page = this.read(this.cursor, PAGE);
        for (const event of page) {
          if (this.stopped) return;
          await this.handler(event);
          this.cursor = event.position;
        }
        if (page.length < PAGE && !this.dirty && !this.stopped) await this.sleep();
      }
    } catch (error) {
      this.stopped = true;
      if (this.options.onError) this.options.onError(error);
      else console.error(`event-store subscription stopped after position ${this.cursor}:`, error);
    } finally {
      this.options.onStopped();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      // Deliberately not unref'd: an open subscription keeps the process alive, like a socket.
      if (this.options.pollIntervalMs !== undefined) timer = setTimeout(this.wake, this.options.pollIntervalMs);
    });
  }
}

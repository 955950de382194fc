/**
 * The projections' own thread (ROLE=all, see ProjectionThread): opens its own connections to the
 * event store and the read store named in workerData, and runs the same ProjectionRunner as the
 * server would in its own thread. Messages: `{ id, op: 'catchUp' | 'stop' }`, each answered by
 * `{ id, ok }` or `{ id, ok: false, message }`. Nothing here decides anything: the runner's
 * transactions and checkpoints are what make it safe, exactly as in a projector process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEventStore } from '../event-store/create-event-store.js';
import { createReadStore } from '../read-store/create-read-store.js';
import { createProjectionRunner } from './projector.js';
import type { ProjectionThreadRequest, ProjectionThreadData, ProjectionThreadReply } from './projection-thread.js';

const port = parentPort;
if (port === null) throw new Error('projection-worker runs as a worker thread only');
const { eventStoreUrl, readModelUrl } = workerData as ProjectionThreadData;

const post = (reply: ProjectionThreadReply) => port.postMessage(reply);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

try {
  const eventStore = await createEventStore(eventStoreUrl);
  const readStore = await createReadStore(readModelUrl);
  const runner = createProjectionRunner(eventStore, readStore);
  port.on('message', ({ id, op }: ProjectionThreadRequest) => {
    if (op === 'catchUp') {
      runner.catchUp().then(
        () => post({ id, ok: true }),
        (error: unknown) => post({ id, ok: false, message: messageOf(error) }),
      );
      return;
    }
    // stop: the batch in flight commits, then both connections close and the thread ends.
    runner
      .stop()
      .then(() => readStore.close())
      .then(() => eventStore.close())
      .then(
        () => post({ id, ok: true }),
        (error: unknown) => post({ id, ok: false, message: messageOf(error) }),
      )
      .finally(() => port.close());
  });
  post({ id: 0, ok: true });
} catch (error) {
  post({ id: 0, ok: false, message: messageOf(error) });
  port.close();
}

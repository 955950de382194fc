import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  DuplicateIdempotencyKeyError,
  EVENT_STORE,
  type EventStore,
  type NewEvent,
  type StoredEvent,
  WrongExpectedRevisionError,
} from '../event-store/event-store.port.js';
import { DomainError } from '../ledger/shared/domain-error.js';
import type { Command, CommandMetadata, Event } from '../ledger/shared/message.js';
import { ProblemException, problem } from '../api/problem-details/problem.js';
import { CLOCK, type Clock } from './clock.js';
import type { WriteOptions, WriteResult } from './write-options.js';
import { WriteStateCache } from './write-state-cache.js';
import { WRITE_OBSERVER, type WriteObserver, type WriteOutcome } from './write-observer.js';

export interface Decider<S, C extends Command, E extends Event> {
  decide(command: C, state: S): readonly E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

export interface WriteSpec<S, C extends Command, E extends Event> {
  stream: string;
  decider: Decider<S, C, E>;
  /** Builds the domain command once the metadata (clock, actor) is known. */
  command(metadata: CommandMetadata): C;
  /**
   * For writes that create an entity: the event data field holding its id, echoed in the answer
   * (`{ id, stream, … }`). Read from the stored event so that a replay answers the first id.
   */
  idField?: string;
}

export const SCHEMA_VERSION = 1;

/** Lost optimistic-concurrency races: 412 under If-Match, 409 without. */
const CONFLICT_CODES = new Set(['REVISION_MISMATCH', 'CONCURRENT_WRITE']);

/** Run after every append: the embedded store projects inline so that a read after a 201 sees it. */
export const AFTER_APPEND = Symbol('AFTER_APPEND');
export type AfterAppend = () => Promise<void>;

/**
 * The one write path: read the stream, fold it, decide, append with the expected revision.
 * Nothing is retried silently: a lost race answers 409 (or 412 under If-Match) and the client
 * decides. The only re-read is for a racing Idempotency-Key, where the first writer's answer is
 * the answer.
 */
@Injectable()
export class LedgerWriter {
  private readonly logger = new Logger('LedgerWriter');
  private readonly states = new WriteStateCache();
  /** The tail of each stream's queue of writes in this process; see write(). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(AFTER_APPEND) private readonly afterAppend?: AfterAppend,
    @Optional() @Inject(WRITE_OBSERVER) private readonly observer?: WriteObserver,
  ) {}

  /**
   * Folds a stream into a decider's state: what the context lookups of the handlers use. Starts
   * from the cached fold, if any, and reads only the events appended after it.
   */
  async load<S, C extends Command, E extends Event>(
    stream: string,
    decider: Decider<S, C, E>,
  ): Promise<{ state: S; revision: number | 'no_stream' }> {
    const cached = this.states.get<S>(stream, decider);
    if (cached !== undefined) {
      // The last folded event must still be there, unchanged, for the fold to hold: the head says
      // so without reading (and parsing) any event when nothing was appended since.
      const head = await this.store.streamHead(stream);
      if (head?.revision === cached.revision && head.hash === cached.hash) return cached;
      if (head !== undefined && head.revision > cached.revision) {
        const fresh = await this.store.readStream(stream, cached.revision + 1);
        if (fresh[0]?.revision === cached.revision + 1 && fresh[0].prevHash === cached.hash) {
          return this.remember(stream, decider, fold(decider, cached.state, fresh), fresh);
        }
      }
      this.states.delete(stream);
    }
    const events = await this.store.readStream(stream);
    if (events.length === 0) return { state: decider.initialState(), revision: 'no_stream' };
    return this.remember(stream, decider, fold(decider, decider.initialState(), events), events);
  }

  private remember<S, C extends Command, E extends Event>(
    stream: string,
    decider: Decider<S, C, E>,
    state: S,
    events: readonly StoredEvent[],
  ): { state: S; revision: number } {
    const last = events[events.length - 1];
    this.states.set(stream, decider, { state, revision: last.revision, hash: last.hash });
    return { state, revision: last.revision };
  }

  /**
   * Writes to one stream from this process take turns (read, decide, append, commit), so that
   * concurrent requests for the same stream do not fail each other with 409: the embedded store
   * commits appends in groups, which leaves a window between a write's read and its commit.
   * Writes to different streams still run (and commit) together. Other processes can still
   * race a write; the expected revision catches that, as before.
   */
  async write<S, C extends Command, E extends Event>(
    spec: WriteSpec<S, C, E>,
    options: WriteOptions,
  ): Promise<WriteResult> {
    const previous = this.queues.get(spec.stream) ?? Promise.resolve();
    const turn = previous.then(() => this.writeNow(spec, options));
    const tail = turn.catch(() => undefined);
    this.queues.set(spec.stream, tail);
    void tail.then(() => {
      if (this.queues.get(spec.stream) === tail) this.queues.delete(spec.stream);
    });
    // The turn ends with the commit; the read models catch up outside it, so the next write of
    // the stream does not wait for them.
    const { answer, appended } = await turn;
    if (appended) await this.project();
    return answer;
  }

  private async writeNow<S, C extends Command, E extends Event>(
    spec: WriteSpec<S, C, E>,
    options: WriteOptions,
  ): Promise<Written> {
    const observer = this.observer;
    if (!observer) return this.decideAndAppend(spec, options);
    const started = performance.now();
    let outcome: WriteOutcome = 'error';
    let code: string | undefined;
    try {
      const answer = await this.decideAndAppend(spec, options);
      outcome = 'ok';
      return answer;
    } catch (error) {
      code =
        error instanceof DomainError ? error.code : error instanceof ProblemException ? error.problem.code : undefined;
      outcome = code === undefined ? 'error' : CONFLICT_CODES.has(code) ? 'conflict' : 'refused';
      throw error;
    } finally {
      // The command's type without reading the clock: building a command is pure and cheap.
      const type = spec.command({ now: '', actor: options.actor }).type;
      observer.commandDone(type, (performance.now() - started) / 1000, outcome, code);
    }
  }

  private async decideAndAppend<S, C extends Command, E extends Event>(
    spec: WriteSpec<S, C, E>,
    options: WriteOptions,
  ): Promise<Written> {
    const replay = await this.replayed(spec, options);
    if (replay) return { answer: replay, appended: false };

    const { state, revision } = await this.load(spec.stream, spec.decider);
    if (options.ifMatch !== undefined && options.ifMatch !== revision) {
      throw new DomainError(
        'REVISION_MISMATCH',
        'precondition',
        `If-Match: "${options.ifMatch}" does not hold: ${spec.stream} is ${revision === 'no_stream' ? 'empty' : `at revision ${revision}`}`,
      );
    }
    const now = this.clock.now().toISOString();
    const command = spec.command({ now, actor: options.actor });
    let decided: readonly E[];
    try {
      decided = spec.decider.decide(command, state);
    } catch (error) {
      // A retry that raced its own first attempt reads the state the first attempt produced and
      // is refused by the domain (e.g. METRIC_ALREADY_EXISTS); its answer is the first one.
      const first = error instanceof DomainError ? await this.replayed(spec, options) : undefined;
      if (first) return { answer: first, appended: false };
      throw error;
    }
    const events: NewEvent[] = decided.map((event, i) => ({
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        recordedAt: now,
        recordedBy: options.actor,
        correlationId: options.correlationId,
        causationId: options.correlationId,
        schemaVersion: SCHEMA_VERSION,
        ...(i === 0 && options.idempotencyKey !== undefined
          ? { idempotencyKey: options.idempotencyKey, route: options.route, requestHash: options.requestHash }
          : {}),
      },
    }));
    try {
      const appended = await this.append(spec.stream, events, revision);
      this.remember(spec.stream, spec.decider, fold(spec.decider, state, appended.events), appended.events);
      return { answer: result(spec, appended.events), appended: true };
    } catch (error) {
      if (error instanceof DuplicateIdempotencyKeyError) {
        const first = await this.replayed(spec, options);
        if (first) return { answer: first, appended: false };
      }
      if (error instanceof WrongExpectedRevisionError) {
        if (options.ifMatch !== undefined) {
          throw new DomainError(
            'REVISION_MISMATCH',
            'precondition',
            `${spec.stream} changed while this write was decided`,
          );
        }
        throw new DomainError(
          'CONCURRENT_WRITE',
          'conflict',
          `${spec.stream} changed while this write was decided; read it again and retry if the write still makes sense`,
        );
      }
      throw error;
    }
  }

  private async append(stream: string, events: NewEvent[], expected: number | 'no_stream') {
    if (!this.observer) return this.store.append(stream, events, expected);
    const started = performance.now();
    try {
      return await this.store.append(stream, events, expected);
    } finally {
      this.observer.appendDone((performance.now() - started) / 1000);
    }
  }

  /** The write is durable already: a read model that cannot follow is reported, not the write undone. */
  private async project(): Promise<void> {
    try {
      await this.afterAppend?.();
    } catch (error) {
      this.logger.error(`read models did not catch up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A retried Idempotency-Key returns the first answer; the same key with another body is a misuse (422). */
  private async replayed<S, C extends Command, E extends Event>(
    spec: WriteSpec<S, C, E>,
    options: WriteOptions,
  ): Promise<WriteResult | undefined> {
    if (options.idempotencyKey === undefined) return undefined;
    const first = await this.store.findByIdempotencyKey(options.actor, options.route, options.idempotencyKey);
    if (first.length === 0) return undefined;
    if (first[0].metadata.requestHash !== options.requestHash) {
      throw new ProblemException(
        problem(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          `Idempotency-Key ${options.idempotencyKey} was already used on ${options.route} with another body; use a new key for a new request`,
        ),
      );
    }
    return result(spec, first);
  }
}

/** A write's answer, and whether it appended (a replayed Idempotency-Key appends nothing). */
interface Written {
  answer: WriteResult;
  appended: boolean;
}

function fold<S, C extends Command, E extends Event>(
  decider: Decider<S, C, E>,
  state: S,
  events: readonly StoredEvent[],
): S {
  let folded = state;
  for (const event of events) folded = decider.evolve(folded, event as unknown as E);
  return folded;
}

function result<S, C extends Command, E extends Event>(
  spec: WriteSpec<S, C, E>,
  events: readonly StoredEvent[],
): WriteResult {
  const last = events[events.length - 1];
  const id = spec.idField === undefined ? undefined : events[0].data[spec.idField];
  return {
    ...(typeof id === 'string' ? { id } : {}),
    stream: last.stream,
    revision: last.revision,
    position: last.position,
  };
}

import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { PROJECTION_RUNNER } from '../../read-side/projector.js';
import type { ProjectionRunner } from '../../read-store/projection-runner.js';
import type { ReadAt } from '../../read-side/ledger-reader.js';
import { ProblemException, problem } from '../problem-details/problem.js';
import type { ReadQueryDto } from './read-query.dto.js';

export const MIN_POSITION_WAIT_MS = 5000;

/** Honours `minPosition` (waits, bounded, for the projections) and turns the query into a ReadAt. */
@Injectable()
export class ReadFreshness {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async readAt(query: ReadQueryDto): Promise<ReadAt> {
    // No write has that position yet: waiting could not help, and would hold the connection for nothing.
    if (query.minPosition !== undefined && query.minPosition > (await this.store.lastPosition())) {
      const message = `is beyond the end of the event log: pass the position a write answered`;
      throw new ProblemException(
        problem(400, 'MIN_POSITION_BEYOND_LOG', `minPosition ${message}`, [{ field: 'minPosition', message }]),
      );
    }
    if (query.minPosition !== undefined && !(await this.runner.waitFor(query.minPosition, MIN_POSITION_WAIT_MS))) {
      throw new ProblemException(
        problem(
          503,
          'READ_MODEL_BEHIND',
          `The read models have not reached position ${query.minPosition} within ${MIN_POSITION_WAIT_MS / 1000} s; retry shortly`,
        ),
      );
    }
    return {
      ...(query.asOf !== undefined ? { asOf: query.asOf } : {}),
      ...(query.recordedAsOf !== undefined ? { recordedAsOf: new Date(query.recordedAsOf).toISOString() } : {}),
    };
  }
}

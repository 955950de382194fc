/** Time and ids come from here, never from Date.now() or randomUUID() scattered in handlers. */
import { randomUUID } from 'node:crypto';

export interface Clock {
  now(): Date;
}

export interface IdSource {
  newId(): string;
}

export const CLOCK = Symbol('CLOCK');
export const ID_SOURCE = Symbol('ID_SOURCE');

export const systemClock: Clock = { now: () => new Date() };
export const uuidIdSource: IdSource = { newId: () => randomUUID() };

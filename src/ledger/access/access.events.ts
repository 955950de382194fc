import type { Event } from '../shared/message.js';
import type { KeyRole } from './access-rights.js';

/** An API key was granted. Only the SHA-256 of its secret is recorded, never the secret. */
export type KeyGranted = Event<'KeyGranted', { name: string; role: KeyRole; secretHash: string }>;

/** The key stops working. Its name stays taken: `recordedBy` must always name one key. */
export type KeyRevoked = Event<'KeyRevoked', { name: string; reason?: string }>;

export type AccessEvent = KeyGranted | KeyRevoked;

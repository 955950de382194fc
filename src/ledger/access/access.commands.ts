import type { Command } from '../shared/message.js';

/** `secretHash`: hex SHA-256 of the secret; the shell makes the secret and hashes it. */
export type GrantKey = Command<'GrantKey', { name: string; role: string; secretHash: string }>;

export type RevokeKey = Command<'RevokeKey', { name: string; reason?: string }>;

export type AccessCommand = GrantKey | RevokeKey;

import { conflict, notFound, validationError } from '../shared/domain-error.js';
import { assertNever } from '../shared/message.js';
import { defined } from '../shared/rules.js';
import { isKeyRole, KEY_ROLES, type KeyRole } from './access-rights.js';
import type { AccessCommand, GrantKey, RevokeKey } from './access.commands.js';
import type { AccessEvent, KeyGranted, KeyRevoked } from './access.events.js';

export type KeyState = Readonly<{ name: string; role: KeyRole; secretHash: string; revoked: boolean }>;

/** The access stream folded: every key ever granted, by name, revoked ones included. */
export type AccessState = Readonly<{ keys: Readonly<Record<string, KeyState>> }>;

export const initialAccessState = (): AccessState => ({ keys: {} });

/** Key names become `recordedBy` on every write, so they follow the slug rules (and may hold a dot). */
const KEY_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Actors the ledger already records under: a key of that name would blur the audit trail. */
export const RESERVED_KEY_NAMES: readonly string[] = ['anonymous', 'cli', 'environment', 'system'];

export function evolveAccess(state: AccessState, event: AccessEvent): AccessState {
  switch (event.type) {
    case 'KeyGranted': {
      const { name, role, secretHash } = event.data;
      return { keys: { ...state.keys, [name]: { name, role, secretHash, revoked: false } } };
    }
    case 'KeyRevoked': {
      const key = state.keys[event.data.name];
      return key === undefined ? state : { keys: { ...state.keys, [key.name]: { ...key, revoked: true } } };
    }
    default:
      return assertNever(event);
  }
}

function grantKey(command: GrantKey, state: AccessState): KeyGranted[] {
  const { name, role, secretHash } = command.data;
  if (!KEY_NAME.test(name)) {
    throw validationError(
      'INVALID_KEY_NAME',
      `"${name}" is not a key name: 1 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit`,
      'name',
    );
  }
  if (RESERVED_KEY_NAMES.includes(name)) {
    throw validationError(
      'RESERVED_KEY_NAME',
      `"${name}" is reserved for the ledger's own actors; choose another name`,
      'name',
    );
  }
  if (!isKeyRole(role)) {
    throw validationError('UNKNOWN_ROLE', `"${role}" is not a role: use one of ${KEY_ROLES.join(', ')}`, 'role');
  }
  if (!SHA256_HEX.test(secretHash)) {
    throw validationError('INVALID_SECRET_HASH', 'secretHash must be the hex SHA-256 of the secret', 'secretHash');
  }
  const existing = state.keys[name];
  if (existing !== undefined) {
    throw conflict(
      'KEY_NAME_TAKEN',
      existing.revoked
        ? `A key named "${name}" was granted and revoked; names are never reused, so that recordedBy always names one key`
        : `A key named "${name}" already exists (role ${existing.role})`,
      'name',
    );
  }
  if (Object.values(state.keys).some((key) => key.secretHash === secretHash)) {
    throw conflict('SECRET_REUSED', `This secret already belongs to another key; every key needs its own`, 'secret');
  }
  return [{ type: 'KeyGranted', data: { name, role, secretHash } }];
}

function revokeKey(command: RevokeKey, state: AccessState): KeyRevoked[] {
  const { name, reason } = command.data;
  const key = state.keys[name];
  if (key === undefined) throw notFound('KEY_NOT_FOUND', `There is no key named "${name}"`);
  if (key.revoked) throw conflict('KEY_ALREADY_REVOKED', `The key "${name}" is already revoked`, 'name');
  return [{ type: 'KeyRevoked', data: defined({ name, reason }) }];
}

export function decideAccess(command: AccessCommand, state: AccessState): AccessEvent[] {
  switch (command.type) {
    case 'GrantKey':
      return grantKey(command, state);
    case 'RevokeKey':
      return revokeKey(command, state);
    default:
      return assertNever(command);
  }
}

export const accessDecider = { decide: decideAccess, evolve: evolveAccess, initialState: initialAccessState };

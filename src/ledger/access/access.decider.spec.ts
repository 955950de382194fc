import { deciderSpec, stateAfter } from '../shared/decider-spec.js';
import { KEY_ROLES, mayAccess, type RouteAccess } from './access-rights.js';
import type { GrantKey, RevokeKey } from './access.commands.js';
import { accessDecider } from './access.decider.js';
import type { KeyGranted, KeyRevoked } from './access.events.js';

const given = deciderSpec(accessDecider);
const metadata = { now: '2026-01-01T00:00:00.000Z', actor: 'cli' };
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

const grant = (data: Partial<GrantKey['data']> = {}): GrantKey => ({
  type: 'GrantKey',
  data: { name: 'alice', role: 'analyst', secretHash: HASH_A, ...data },
  metadata,
});
const revoke = (name = 'alice', reason?: string): RevokeKey => ({
  type: 'RevokeKey',
  data: reason === undefined ? { name } : { name, reason },
  metadata,
});
const granted = (name = 'alice', secretHash = HASH_A): KeyGranted => ({
  type: 'KeyGranted',
  data: { name, role: 'analyst', secretHash },
});
const revoked = (name = 'alice'): KeyRevoked => ({ type: 'KeyRevoked', data: { name } });

describe('GrantKey', () => {
  it('grants a key under a new name, recording only the hash of its secret', () => {
    given([]).when(grant()).then([granted()]);
    given([granted()])
      .when(grant({ name: 'bob', role: 'reader', secretHash: HASH_B }))
      .then([{ type: 'KeyGranted', data: { name: 'bob', role: 'reader', secretHash: HASH_B } }]);
  });

  it('refuses a name that is taken, even by a revoked key', () => {
    given([granted()])
      .when(grant({ secretHash: HASH_B }))
      .thenThrows('KEY_NAME_TAKEN', { category: 'conflict', field: 'name', message: /already exists/ });
    given([granted(), revoked()])
      .when(grant({ secretHash: HASH_B }))
      .thenThrows('KEY_NAME_TAKEN', { category: 'conflict', message: /never reused/ });
  });

  it('refuses a secret that another key has', () => {
    given([granted()])
      .when(grant({ name: 'bob' }))
      .thenThrows('SECRET_REUSED', { category: 'conflict' });
  });

  it.each([
    [{ role: 'admin' }, 'UNKNOWN_ROLE', 'role'],
    [{ name: 'Alice' }, 'INVALID_KEY_NAME', 'name'],
    [{ name: '' }, 'INVALID_KEY_NAME', 'name'],
    [{ name: 'anonymous' }, 'RESERVED_KEY_NAME', 'name'],
    [{ name: 'cli' }, 'RESERVED_KEY_NAME', 'name'],
    [{ secretHash: 'plain-secret' }, 'INVALID_SECRET_HASH', 'secretHash'],
  ])('refuses %p', (data, code, field) => {
    given([]).when(grant(data)).thenThrows(code, { category: 'validation', field });
  });
});

describe('RevokeKey', () => {
  it('revokes an active key, with the reason when one is given', () => {
    given([granted()]).when(revoke()).then([revoked()]);
    given([granted()])
      .when(revoke('alice', 'left the team'))
      .then([{ type: 'KeyRevoked', data: { name: 'alice', reason: 'left the team' } }]);
  });

  it('refuses an unknown key and a key already revoked', () => {
    given([granted()]).when(revoke('bob')).thenThrows('KEY_NOT_FOUND', { category: 'not_found' });
    given([granted(), revoked()]).when(revoke()).thenThrows('KEY_ALREADY_REVOKED', { category: 'conflict' });
  });
});

describe('the access state', () => {
  it('keeps revoked keys, marked, next to active ones', () => {
    const state = stateAfter(accessDecider, [granted(), granted('bob', HASH_B), revoked()]);
    expect(state.keys.alice).toEqual({ name: 'alice', role: 'analyst', secretHash: HASH_A, revoked: true });
    expect(state.keys.bob.revoked).toBe(false);
  });
});

describe('rights of the roles', () => {
  const table: Record<string, RouteAccess[]> = {
    analyst: ['public', 'read', 'write'],
    reader: ['public', 'read'],
    auditor: ['public', 'read', 'audit'],
  };
  it.each(KEY_ROLES)('%s may do exactly what the README says', (role) => {
    const allowed = (['public', 'read', 'write', 'audit'] as const).filter((access) => mayAccess(role, access));
    expect(allowed).toEqual(table[role]);
  });
});

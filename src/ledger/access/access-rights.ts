/**
 * Who may do what. A route declares the access it needs; a key's role grants a set of them.
 * `/audit` is the auditor's alone: an analyst records and reads the ledger, an auditor checks it.
 */
export const KEY_ROLES = ['analyst', 'reader', 'auditor'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

/** `public`: anyone, no key (health checks, API docs); the others need a key whose role grants them. */
export type RouteAccess = 'public' | 'read' | 'write' | 'audit';

const RIGHTS: Readonly<Record<KeyRole, readonly RouteAccess[]>> = {
  analyst: ['read', 'write'],
  reader: ['read'],
  auditor: ['read', 'audit'],
};

export const isKeyRole = (value: unknown): value is KeyRole =>
  typeof value === 'string' && (KEY_ROLES as readonly string[]).includes(value);

export function mayAccess(role: KeyRole, access: RouteAccess): boolean {
  return access === 'public' || RIGHTS[role].includes(access);
}

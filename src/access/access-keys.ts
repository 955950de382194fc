import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LedgerWriter } from '../application/ledger-writer.js';
import type { WriteOptions, WriteResult } from '../application/write-options.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type BootKey, isLoopbackHost } from '../config/security-config.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import type { KeyRole } from '../ledger/access/access-rights.js';
import type { AccessCommand } from '../ledger/access/access.commands.js';
import { type AccessState, accessDecider, initialAccessState, type KeyState } from '../ledger/access/access.decider.js';
import { DomainError } from '../ledger/shared/domain-error.js';
import type { CommandMetadata } from '../ledger/shared/message.js';
import { ACCESS_STREAM } from '../ledger/shared/streams.js';
import { bearerSecret, hashSecret, newSecret, sameHash } from './api-key-secret.js';

/**
 * How often, at most, a request checks whether the access stream moved. A key added or revoked by
 * the CLI (or another api process) takes effect within this time, without a restart.
 */
export const ACCESS_REFRESH_MS = 1000;
/** `recordedBy` of the grants that API_KEYS makes at boot. */
export const BOOT_ACTOR = 'environment';

export type Authentication =
  /** No key exists and the server listens on loopback only: nobody is asked for one. */
  | { kind: 'open' }
  | { kind: 'caller'; name: string; role: KeyRole }
  | {
      kind: 'refused';
      code: 'API_KEY_MISSING' | 'API_KEY_MALFORMED' | 'API_KEY_UNKNOWN' | 'API_KEY_REVOKED';
      detail: string;
    };

export interface KeyListing {
  name: string;
  role: KeyRole;
  grantedAt: string;
  grantedBy: string;
  revokedAt?: string;
  revokedBy?: string;
}

/**
 * The keys of the access stream, folded and kept current: grants and revocations go through the
 * LedgerWriter like every other write (hash-chained, audited); requests are checked against the
 * folded state, which is re-folded when the log has moved since the last look.
 */
@Injectable()
export class AccessKeys implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');
  private state: AccessState = initialAccessState();
  private checkedPosition = -1;
  private checkedAt = -Infinity;
  private refreshing?: Promise<void>;
  /** Whether HOST binds to loopback only: asked on every request (1 % of a cached read). */
  private readonly loopback: boolean;
  /** One authentication per request, shared by the rate limit and the access guard. */
  private readonly requests = new WeakMap<object, Promise<Authentication>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: LedgerWriter,
  ) {
    this.loopback = isLoopbackHost(config.host);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    if (this.config.role !== 'projector') await this.grantBootKeys(this.config.security.apiKeys);
  }

  /**
   * No authentication: no key was ever granted, and only this machine can connect. Open mode ends
   * with the first key for good: revoking every key locks the API, it does not open it again.
   */
  get openMode(): boolean {
    return Object.keys(this.state.keys).length === 0 && this.loopback;
  }

  hasActiveKeys(): boolean {
    return Object.values(this.state.keys).some((key) => !key.revoked);
  }

  authenticateRequest(request: FastifyRequest): Promise<Authentication> {
    let result = this.requests.get(request);
    if (result === undefined) {
      result = this.authenticate(request.headers.authorization);
      this.requests.set(request, result);
    }
    return result;
  }

  async authenticate(authorization: string | string[] | undefined): Promise<Authentication> {
    await this.current();
    if (this.openMode) return { kind: 'open' };
    const bearer = bearerSecret(authorization);
    if (bearer.kind === 'missing') {
      return { kind: 'refused', code: 'API_KEY_MISSING', detail: 'Send an API key: Authorization: Bearer <secret>' };
    }
    if (bearer.kind === 'malformed') {
      return {
        kind: 'refused',
        code: 'API_KEY_MALFORMED',
        detail: 'The Authorization header must be Bearer <secret>, with the secret of an API key',
      };
    }
    const key = this.keyOf(hashSecret(bearer.secret));
    if (key === undefined) return { kind: 'refused', code: 'API_KEY_UNKNOWN', detail: 'This API key is not known' };
    if (key.revoked) return { kind: 'refused', code: 'API_KEY_REVOKED', detail: 'This API key has been revoked' };
    return { kind: 'caller', name: key.name, role: key.role };
  }

  /** Every key is compared, in constant time, whatever matches: no early exit to time. */
  private keyOf(hash: string): KeyState | undefined {
    let found: KeyState | undefined;
    for (const key of Object.values(this.state.keys)) {
      if (sameHash(key.secretHash, hash)) found = key;
    }
    return found;
  }

  /** The folded state, re-folded when the log moved since the last check (at most every ACCESS_REFRESH_MS). */
  async current(): Promise<AccessState> {
    if (performance.now() - this.checkedAt >= ACCESS_REFRESH_MS) {
      this.refreshing ??= this.refresh()
        .catch((error: unknown) => {
          // The store is down: keep deciding on the keys last seen; writes fail on their own.
          this.logger.warn(`access keys not refreshed: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    return this.state;
  }

  /** Cheap while nothing moved: one look at the log's last position, the stream read only when it changed. */
  async refresh(): Promise<void> {
    const position = await this.store.lastPosition();
    if (position !== this.checkedPosition) {
      this.state = (await this.writer.load(ACCESS_STREAM, accessDecider)).state;
      this.checkedPosition = position;
    }
    this.checkedAt = performance.now();
  }

  /** Grants a key with a new random secret; the secret is returned once and stored nowhere. */
  async grant(name: string, role: string, actor: string): Promise<{ secret: string; result: WriteResult }> {
    const secret = newSecret();
    const result = await this.write(
      (metadata) => ({ type: 'GrantKey', data: { name, role, secretHash: hashSecret(secret) }, metadata }),
      actor,
    );
    return { secret, result };
  }

  revoke(name: string, actor: string, reason?: string): Promise<WriteResult> {
    return this.write(
      (metadata) => ({ type: 'RevokeKey', data: reason === undefined ? { name } : { name, reason }, metadata }),
      actor,
    );
  }

  /**
   * API_KEYS at boot, as events, so the audit trail names every key that ever wrote. Idempotent:
   * a key already granted with the same role and secret is left alone. Several api processes
   * booting at once race on the stream revision; the losers re-read and find the key there.
   */
  async grantBootKeys(keys: readonly BootKey[]): Promise<void> {
    for (const key of keys) {
      for (let attempt = 1; ; attempt++) {
        await this.refresh();
        const existing = this.state.keys[key.name];
        if (existing !== undefined) {
          this.checkBootKey(key, existing);
          break;
        }
        try {
          await this.write(
            (metadata) => ({
              type: 'GrantKey',
              data: { name: key.name, role: key.role, secretHash: hashSecret(key.secret) },
              metadata,
            }),
            BOOT_ACTOR,
          );
          this.logger.log(`API_KEYS: granted ${key.name} (${key.role})`);
          break;
        } catch (error) {
          const raced = error instanceof DomainError && ['CONCURRENT_WRITE', 'KEY_NAME_TAKEN'].includes(error.code);
          if (!raced || attempt >= 5) {
            throw new Error(`API_KEYS: cannot grant ${key.name}: ${String(error)}`, { cause: error });
          }
        }
      }
    }
    await this.refresh();
  }

  private checkBootKey(key: BootKey, existing: KeyState): void {
    if (existing.revoked) {
      // A revocation must stick: API_KEYS cannot bring a key back, and names are never reused.
      this.logger.warn(`API_KEYS: ${key.name} was revoked and stays revoked; remove it from API_KEYS`);
      return;
    }
    if (existing.role !== key.role || !sameHash(existing.secretHash, hashSecret(key.secret))) {
      throw new Error(
        `API_KEYS: ${key.name} is already granted with another ${existing.role !== key.role ? `role (${existing.role})` : 'secret'}; revoke it (kpi-ledger keys revoke ${key.name}) and give the new key a new name`,
      );
    }
  }

  /** Every key ever granted, oldest first, with who granted and revoked it and when. */
  async list(): Promise<KeyListing[]> {
    const keys = new Map<string, KeyListing>();
    for (const event of await this.store.readStream(ACCESS_STREAM)) {
      const name = String(event.data.name);
      if (event.type === 'KeyGranted') {
        keys.set(name, {
          name,
          role: event.data.role as KeyRole,
          grantedAt: event.metadata.recordedAt,
          grantedBy: event.metadata.recordedBy,
        });
      } else if (event.type === 'KeyRevoked') {
        const key = keys.get(name);
        if (key) keys.set(name, { ...key, revokedAt: event.metadata.recordedAt, revokedBy: event.metadata.recordedBy });
      }
    }
    return [...keys.values()];
  }

  private async write(command: (metadata: CommandMetadata) => AccessCommand, actor: string): Promise<WriteResult> {
    const options: WriteOptions = { actor, route: 'access', correlationId: randomUUID() };
    const result = await this.writer.write({ stream: ACCESS_STREAM, decider: accessDecider, command }, options);
    await this.refresh();
    return result;
  }
}

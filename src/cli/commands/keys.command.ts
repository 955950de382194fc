import { type Command, InvalidArgumentError } from 'commander';
import { AccessKeys } from '../../access/access-keys.js';
import { newSecret } from '../../access/api-key-secret.js';
import { isKeyRole, KEY_ROLES } from '../../ledger/access/access-rights.js';
import { DomainError } from '../../ledger/shared/domain-error.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { loadConfig, readOnly, withLedger } from '../ledger-app.js';

/** `recordedBy` of grants and revocations made here, as for `import`. */
const CLI_ACTOR = 'cli';

/**
 * API keys: grants and revocations are events of the access stream, in the configured event
 * store, so a running server (same SQLite file or KurrentDB) picks them up within a second.
 */
export function registerKeys(program: Command, io: CliIo): void {
  const keys = program
    .command('keys')
    .description('Manage API keys: add (prints the secret once), list, revoke')
    .addHelpText(
      'after',
      `
Roles: analyst (write and read), reader (read), auditor (read and /audit).
Only a SHA-256 of each secret is stored; a lost secret cannot be shown again: revoke the key
and add a new one (names are never reused).`,
    );

  keys
    .command('add')
    .description('Grant a new key and print its secret (shown once, stored nowhere)')
    .requiredOption('--name <name>', 'who holds the key: recorded as recordedBy on every write made with it')
    .requiredOption('--role <role>', `one of ${KEY_ROLES.join(', ')}`, parseRole)
    .action(async (options: { name: string; role: string }) => {
      await withKeys(async (access) => {
        const { secret, result } = await access.grant(options.name, options.role, CLI_ACTOR);
        io.stdout.write(`${secret}\n`);
        io.stderr.write(
          `granted ${options.name} (${options.role}) at position ${result.position}; the secret above is shown once: ` +
            `callers send it as "Authorization: Bearer <secret>"\n`,
        );
      });
    });

  keys
    .command('list')
    .description('Every key ever granted: name, role, status, when and by whom (never the secret)')
    .action(async () => {
      await withKeys(async (access) => {
        const list = await access.list();
        if (list.length === 0) {
          io.stdout.write('no keys: the server runs in open mode on loopback only\n');
          return;
        }
        const rows = list.map((key) => [
          key.name,
          key.role,
          key.revokedAt === undefined ? 'active' : 'revoked',
          `${key.grantedAt} by ${key.grantedBy}`,
          key.revokedAt === undefined ? '' : `${key.revokedAt} by ${key.revokedBy}`,
        ]);
        io.stdout.write(table(['name', 'role', 'status', 'granted', 'revoked'], rows));
      });
    });

  keys
    .command('revoke')
    .description('Revoke a key: requests with it are refused (401) from then on')
    .argument('<name>', 'the key to revoke')
    .option('--reason <text>', 'why, kept in the event')
    .action(async (name: string, options: { reason?: string }) => {
      await withKeys(async (access) => {
        const result = await access.revoke(name, CLI_ACTOR, options.reason);
        io.stdout.write(`revoked ${name} at position ${result.position}\n`);
      });
    });

  keys
    .command('secret')
    .description('Print a new random secret, e.g. for API_KEYS=name:role:<secret> (grants nothing)')
    .action(() => {
      io.stdout.write(`${newSecret()}\n`);
    });
}

function parseRole(value: string): string {
  if (!isKeyRole(value)) throw new InvalidArgumentError(`use one of ${KEY_ROLES.join(', ')}`);
  return value;
}

/** Role `api`: these commands touch the access stream only, so the read models are left alone. */
async function withKeys(use: (access: AccessKeys) => Promise<void>): Promise<void> {
  await withLedger(readOnly(loadConfig()), async ({ context }) => {
    try {
      await use(context.get(AccessKeys));
    } catch (error) {
      if (error instanceof DomainError) throw new CliError(`${error.code}: ${error.message}`);
      throw error;
    }
  });
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

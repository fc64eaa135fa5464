import type { Command } from 'commander';
import { CLERK_RECORD_KINDS, ROLES, type ClerkRecordKind, type Role } from '../services/auth/access.ts';
import {
  createUser,
  disableUser,
  enableUser,
  listUsers,
  resetPassword,
  UserError,
  type Origin,
} from '../services/auth/user.service.ts';
import { CliError, print, withDatabase } from './context.ts';

// Changes made from the command line are audited as coming from 'cli' (no signed-in actor).
const CLI: Origin = { by: null, ip: 'cli' };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Runs a user-service call, turning its refusals into clean CLI errors. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserError) throw new CliError(err.message);
    throw err;
  }
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('accounts: add, disable, enable, reset a password, list');

  user
    .command('add')
    .description('create an account; without --password-stdin a one-time password is printed once')
    .argument('<name>', 'username (lower-case letters, digits, _ . @ -)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--unit <code>', 'the unit of a unit user, e.g. A01')
    .option('--kind <kind>', `the record kind a clerk imports: ${CLERK_RECORD_KINDS.join(', ')}`)
    .option('--display-name <name>', 'full name shown in the audit log and the UI')
    .option('--password-stdin', 'read the password from stdin (never put passwords in arguments)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        name: string,
        opts: {
          role: string;
          unit?: string;
          kind?: string;
          displayName?: string;
          passwordStdin?: boolean;
          json?: boolean;
        },
      ) => {
        if (!ROLES.includes(opts.role as Role))
          throw new CliError(`unknown role ${opts.role}: use ${ROLES.join(', ')}`);
        const password = opts.passwordStdin ? await readStdin() : null;
        await withDatabase(async ({ db }) => {
          const { user: u, oneTimePassword } = await run(() =>
            createUser(
              db.knex,
              {
                username: name,
                role: opts.role as Role,
                unitCode: opts.unit ?? null,
                recordKind: (opts.kind as ClerkRecordKind | undefined) ?? null,
                displayName: opts.displayName ?? null,
                password,
              },
              CLI,
            ),
          );
          const where = u.unitCode ? ` of ${u.unitCode}` : u.recordKind ? ` (${u.recordKind})` : '';
          print(
            !!opts.json,
            `added ${u.username} as ${u.role}${where}` +
              (oneTimePassword
                ? `; one-time password (shown once, change at first sign-in): ${oneTimePassword}`
                : ''),
            { user: u, oneTimePassword },
          );
        });
      },
    );

  user
    .command('disable')
    .description('disable an account and end all its sessions')
    .argument('<name>')
    .option('--json', 'machine-readable output')
    .action(async (name: string, opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const u = await run(() => disableUser(db.knex, name, CLI));
        print(!!opts.json, `disabled ${u.username}; their sessions are ended`, { user: u });
      });
    });

  user
    .command('enable')
    .description('enable a disabled account again')
    .argument('<name>')
    .option('--json', 'machine-readable output')
    .action(async (name: string, opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const u = await run(() => enableUser(db.knex, name, CLI));
        print(!!opts.json, `enabled ${u.username}`, { user: u });
      });
    });

  user
    .command('reset-password')
    .description('replace the password by a one-time password (printed once) and end the sessions')
    .argument('<name>')
    .option('--json', 'machine-readable output')
    .action(async (name: string, opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const r = await run(() => resetPassword(db.knex, name, CLI));
        print(
          !!opts.json,
          `reset ${r.user.username}; one-time password (shown once, change at next sign-in): ${r.oneTimePassword}`,
          r,
        );
      });
    });

  user
    .command('list')
    .description('every account with its role, unit and state')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const users = await listUsers(db.knex);
        if (opts.json) {
          print(true, '', users);
          return;
        }
        process.stdout.write(`${users.length} users\n`);
        for (const u of users) {
          const scope = u.unitCode ?? u.recordKind ?? '';
          const state = u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active';
          process.stdout.write(`${u.username}\t${u.role}\t${scope}\t${state}\n`);
        }
      });
    });
}

import type { Command } from 'commander';
import { createUser } from '../../auth/create-user';
import { listUsers } from '../../auth/manage-users';
import { emailSchema, passwordSchema, roleSchema } from '../../auth/schemas';
import { action, CliError, printJson, withDatabase } from '../run-command';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function parse<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown, flag: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(`${flag}: ${r.error.issues[0].message}`);
  return r.data;
}

export function registerUserCommands(program: Command) {
  const users = program.command('users').description('manage who can sign in (the CLI acts as admin)');
  users
    .command('add')
    .description('add a user; prints a one-time password unless --password-stdin')
    .requiredOption('--email <email>', 'email address, used to sign in')
    .requiredOption('--role <role>', 'admin | curator | viewer')
    .option('--name <name>', 'display name', '')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(
      action(async (opts: { email: string; role: string; name: string; passwordStdin?: boolean }) => {
        const email = parse(emailSchema, opts.email, '--email');
        const role = parse(roleSchema, opts.role, '--role');
        const password = opts.passwordStdin ? parse(passwordSchema, await readStdin(), 'password') : undefined;
        const { user, password: generated } = await withDatabase(() => createUser({ email, role, name: opts.name, password }));
        console.log(`Added ${user.email} as ${user.role}.`);
        if (generated) console.log(`One-time password (shown once, ask them to keep it safe): ${generated}`);
      }),
    );
  users
    .command('list')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const rows = await withDatabase(listUsers);
        if (opts.json) return printJson(rows);
        if (!rows.length) return console.log('No users yet. Open Winnow in a browser to create the first admin, or: npm run winnow -- users add --email you@example.com --role admin');
        console.table(rows.map(({ email, name, role, active, lastSeenAt }) => ({ email, name, role, active, lastSeenAt: lastSeenAt ?? '—' })));
      }),
    );
}

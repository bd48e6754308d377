// Turns lib/insight/sql/summaries.sql (readable, dollar-quoted function bodies) into the text of a
// migration: the migration runner splits scripts on every semicolon (adapter-pg executeScript), so
// bodies become E-strings with \073 for it, and no semicolon may remain outside a statement's end.
// Usage: npx tsx lib/insight/sql/to-migration.ts <in.sql> <out/migration.sql>
import fs from 'node:fs';

export function toMigration(sql: string): string {
  const out = sql.replace(/\$\$([\s\S]*?)\$\$/g, (_m, body: string) => `E'${body.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/;/g, '\\073')}'`);
  const withoutBodies = out.replace(/E'(?:\\.|[^'\\])*'/g, '');
  for (const line of withoutBodies.split('\n')) {
    if (line.trimStart().startsWith('--') && line.includes(';')) throw new Error(`a comment holds a semicolon: ${line}`);
  }
  return out;
}

if (process.argv[1]?.endsWith('to-migration.ts') && process.argv[2] && process.argv[3]) {
  fs.writeFileSync(process.argv[3], toMigration(fs.readFileSync(process.argv[2], 'utf8')));
}

import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Run one `COPY … FROM STDIN` on `client` with `data` as its whole input. */
export async function sendCopy(client: pg.ClientBase, sql: string, data: Buffer[]) {
  const stream = client.query(copyFrom(sql));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const piece of data) stream.write(piece);
  stream.end();
  await done;
}

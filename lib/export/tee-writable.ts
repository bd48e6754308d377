// One writable that writes every chunk to two others (the export file and the HTTP response of a
// download): it asks for more only when both have room, so the slower one sets the pace, and it fails
// as soon as either fails or closes early (a browser that cancels the download stops the export).
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export class TeeWritable extends Writable {
  constructor(private readonly targets: readonly Writable[]) {
    super({ highWaterMark: 1 << 20 });
    for (const t of targets) {
      t.on('error', (e) => this.destroy(e));
      t.on('close', () => {
        if (!t.writableFinished) this.destroy(new Error('the output was closed before the export finished'));
      });
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (error?: Error | null) => void) {
    let waiting = 0;
    const done = () => {
      if (--waiting === 0) cb();
    };
    for (const t of this.targets) {
      if (!t.write(chunk)) {
        waiting++;
        t.once('drain', done);
      }
    }
    if (waiting === 0) cb();
  }

  override _final(cb: (error?: Error | null) => void) {
    Promise.all(
      this.targets.map((t) => {
        t.end();
        return finished(t, { readable: false });
      }),
    ).then(() => cb(), cb);
  }

  override _destroy(error: Error | null, cb: (error?: Error | null) => void) {
    for (const t of this.targets) if (!t.destroyed) t.destroy(error ?? undefined);
    cb(error);
  }
}

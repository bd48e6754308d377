// The part of busboy 1.x's API that receive-upload.ts uses (the package ships no types).
declare module 'busboy' {
  import type { IncomingHttpHeaders } from 'node:http';
  import type { Readable, Writable } from 'node:stream';

  namespace busboy {
    type Limits = { fieldNameSize?: number; fieldSize?: number; fields?: number; fileSize?: number; files?: number; parts?: number; headerPairs?: number };
    type Config = { headers: IncomingHttpHeaders; limits?: Limits; defParamCharset?: string; highWaterMark?: number; fileHwm?: number };
    type FileInfo = { filename: string | undefined; encoding: string; mimeType: string };
    type FieldInfo = { nameTruncated: boolean; valueTruncated: boolean; encoding: string; mimeType: string };
    type FileStream = Readable & { truncated?: boolean };
    interface Busboy extends Writable {
      on(event: 'file', listener: (name: string, stream: FileStream, info: FileInfo) => void): this;
      on(event: 'field', listener: (name: string, value: string, info: FieldInfo) => void): this;
      on(event: 'partsLimit' | 'filesLimit' | 'fieldsLimit' | 'close' | 'finish', listener: () => void): this;
      on(event: 'error', listener: (error: Error) => void): this;
    }
  }
  function busboy(config: busboy.Config): busboy.Busboy;
  export = busboy;
}

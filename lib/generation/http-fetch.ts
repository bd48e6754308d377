import 'server-only';
import http from 'node:http';
import https from 'node:https';

// A small `fetch` for the openai SDK on the hot path (passed via client.withOptions({ fetch })).
// Node 20's built-in fetch (undici + WHATWG streams) cost ~5 ms of CPU per chat completion here
// (profiled: fetch ≈ 60 % of a saturated worker at 144 requests/s); node:http with keep-alive and a
// buffered body does the same job for a fraction. Bodies that are not plain bytes (multipart file
// uploads of the Batch API) go to the built-in fetch. The answer is a BufferedResponse, not an
// undici Response: building one (Headers, WHATWG body stream, body mixins) and reading its JSON
// back through the stream cost about as much CPU as the rest of the exchange.

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 }),
};

function headerRecord(h: HeadersInit | undefined): Record<string, string> {
  if (!h) return {};
  if (h instanceof Headers) return Object.fromEntries(h.entries());
  if (Array.isArray(h)) return Object.fromEntries(h);
  return { ...(h as Record<string, string>) };
}

export function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const body = init.body;
  const plain = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
  if (input instanceof Request || !plain) return fetch(input, init);
  const url = input instanceof URL ? input : new URL(input);
  const mod = url.protocol === 'https:' ? https : http;
  const agent = agents[url.protocol as 'http:' | 'https:'];
  return new Promise<Response>((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
    const req = mod.request(url, { method: init.method ?? 'GET', headers: headerRecord(init.headers), agent, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : String(v));
        const empty = status === 204 || status === 304 || init.method === 'HEAD';
        resolve(new BufferedResponse(empty ? null : Buffer.concat(chunks), status, res.statusMessage ?? '', headers, url.href) as unknown as Response);
      });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const utf8 = new TextDecoder(); // as Response.text(): UTF-8, a leading BOM dropped, bad bytes replaced

/**
 * What the openai SDK (and readLines) use of a fetch Response, over a body already in memory:
 * status/ok/headers/url, text()/json()/arrayBuffer()/bytes()/blob() (each once, like a Response),
 * and `body` as a stream made only when asked for (file downloads, SSE).
 */
export class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  private used = false;
  private stream: ReadableStream<Uint8Array> | null = null;

  constructor(
    private readonly buf: Buffer | null,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  get bodyUsed() {
    return this.used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (!this.buf) return null;
    this.stream ??= new Response(new Uint8Array(this.buf)).body;
    return this.stream;
  }

  private consume(): Buffer {
    // (Only reads through this object count: merely looking at `body` must not spoil text().)
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.buf ?? Buffer.alloc(0);
  }

  async text(): Promise<string> {
    return utf8.decode(this.consume());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(this.consume()); // a copy: the Buffer may share a pooled ArrayBuffer
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  clone(): BufferedResponse {
    if (this.used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.buf, this.status, this.statusText, new Headers(this.headers), this.url);
  }
}

// The Batch API lifecycle through the openai SDK's files / batches resources.
import OpenAI, { BadRequestError, toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAIServer } from './server';

let server: FakeOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAI({ batchDurationMs: 300, answers: { 'What is 6 * 7?': '42' }, accuracy: 1 });
  client = new OpenAI({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());

const line = (id: string, content: string, extra: object = {}) =>
  JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'fake-model', messages: [{ role: 'user', content }], ...extra } });

async function upload(lines: string[]) {
  return client.files.create({ file: await toFile(Buffer.from(lines.join('\n') + '\n'), 'input.jsonl'), purpose: 'batch' });
}

async function waitFor(id: string, done: string[], seen: Set<string> = new Set()) {
  for (;;) {
    const b = await client.batches.retrieve(id);
    seen.add(b.status);
    if (done.includes(b.status)) return b;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const readJsonl = async (fileId: string) =>
  (await (await client.files.content(fileId)).text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('batch API', () => {
  it('upload → create → poll → download output', async () => {
    const file = await upload([line('a', 'What is 6 * 7?', { n: 2 }), line('b', 'Write about gardening', { max_tokens: 5 })]);
    expect(file).toMatchObject({ object: 'file', purpose: 'batch', filename: 'input.jsonl' });
    expect((await client.files.retrieve(file.id)).bytes).toBe(file.bytes);

    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { run: 'r1' } });
    expect(created).toMatchObject({ object: 'batch', status: 'validating', input_file_id: file.id, metadata: { run: 'r1' }, output_file_id: null });

    const seen = new Set<string>();
    const done = await waitFor(created.id, ['completed'], seen);
    expect([...seen]).toEqual(expect.arrayContaining(['in_progress', 'completed']));
    expect(done.request_counts).toEqual({ total: 2, completed: 2, failed: 0 });
    expect(done.error_file_id).toBeNull();
    expect(done.completed_at).toBeGreaterThanOrEqual(done.created_at);
    expect(done.usage!.total_tokens).toBeGreaterThan(0);

    const out = await readJsonl(done.output_file_id!);
    expect(out.map((l) => l.custom_id)).toEqual(['a', 'b']);
    expect(out[0]).toMatchObject({ error: null, response: { status_code: 200 } });
    expect(out[0].id).toMatch(/^batch_req_/);
    expect(out[0].response.body.choices).toHaveLength(2);
    expect(out[0].response.body.choices[0].message.content).toMatch(/A: 42$/);
    expect(out[1].response.body.choices[0].finish_reason).toBe('length');
    expect((await client.files.retrieve(done.output_file_id!)).purpose).toBe('batch_output');
  });

  it('lines that fail go to the error file', async () => {
    server.setOptions({ batchErrorRate: 0.5 });
    const lines = Array.from({ length: 20 }, (_, i) => line(`r${i}`, `Question ${i}?`));
    const batch = await client.batches.create({ input_file_id: (await upload(lines)).id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    server.setOptions({ batchErrorRate: 0 });
    const done = await waitFor(batch.id, ['completed']);
    const { completed, failed, total } = done.request_counts!;
    expect(total).toBe(20);
    expect(failed).toBeGreaterThan(2);
    expect(completed + failed).toBe(20);
    const errors = await readJsonl(done.error_file_id!);
    expect(errors).toHaveLength(failed);
    expect(errors[0].response.status_code).toBe(500);
    expect(errors[0].response.body.error.type).toBe('server_error');
    expect(await readJsonl(done.output_file_id!)).toHaveLength(completed);
  });

  it('a malformed input file fails validation with line-numbered errors', async () => {
    const file = await upload([line('x', 'hi'), '{not json', line('x', 'dup')]);
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const failed = await waitFor(batch.id, ['failed']);
    expect(failed.errors!.data!.map((e) => [e.line, e.code])).toEqual([
      [2, 'invalid_json_line'],
      [3, 'duplicate_custom_id'],
    ]);
  });

  it('cancel → cancelling → cancelled; cancelling a finished batch is a 400', async () => {
    const file = await upload([line('c1', 'hi'), line('c2', 'there')]);
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const cancelling = await client.batches.cancel(batch.id);
    expect(cancelling.status).toBe('cancelling');
    const cancelled = await waitFor(batch.id, ['cancelled']);
    expect(cancelled.cancelled_at).not.toBeNull();
    await expect(client.batches.cancel(batch.id)).rejects.toBeInstanceOf(BadRequestError);
  });
});

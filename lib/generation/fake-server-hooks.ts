// Test-only: the hooks every generation integration test file needs (kept apart from
// test-fixtures.ts, which the benchmark imports outside vitest).
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { resetDatabase } from '../testing/reset-database';
import { startFakeOpenAI, type FakeOpenAIServer } from '../testing/fake-openai';
import type { FakeOpenAIOptions } from '../testing/fake-openai/options';
import { clearQueue } from './test-fixtures';

/**
 * One fake OpenAI server for the file and, before each test, an empty database and queue and the
 * server reset to `options`. Read `.server` inside tests (it exists once beforeAll ran).
 */
export function setupFakeServerAndCleanDatabase(options: Partial<FakeOpenAIOptions>): { readonly server: FakeOpenAIServer } {
  const ref = {} as { server: FakeOpenAIServer };
  beforeAll(async () => {
    ref.server = await startFakeOpenAI();
  });
  afterAll(async () => {
    await ref.server.close();
  });
  beforeEach(async () => {
    await resetDatabase();
    await clearQueue();
    ref.server.reset();
    ref.server.setOptions(options);
  });
  return ref;
}

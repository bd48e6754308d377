// Provider keys live only in environment variables. The e2e server holds a sentinel key in
// WINNOW_E2E_PROVIDER_KEY; an admin adds endpoints that use it — one the fake provider accepts, one
// whose provider quotes the whole key back in its 401 — and tests both from the UI. Then every
// response the browser received, the server's log and every row of the database are searched for
// the sentinel: it must appear nowhere.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startFakeOpenAI } from '../lib/testing/fake-openai';
import { E2E_DATABASE, SENTINEL_ENV, SENTINEL_KEY, SERVER_LOG } from '../lib/testing/e2e-constants';

test.use({ storageState: 'test-results/.auth/admin.json' });

async function databaseRows(): Promise<string> {
  const url = process.env.E2E_DATABASE_URL ?? (() => {
    const c = JSON.parse(fs.readFileSync(path.join('.data', 'e2e', 'pg-credentials.json'), 'utf8'));
    return `postgresql://${c.user}:${encodeURIComponent(c.password)}@127.0.0.1:${c.port}/${E2E_DATABASE}`;
  })();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
    let dump = '';
    for (const { t } of rows) dump += (await client.query(`SELECT row_to_json(x)::text AS r FROM "${t}" x`)).rows.map((r) => r.r).join('\n');
    return dump;
  } finally {
    await client.end();
  }
}

test('a provider key never reaches the database, the browser, the logs or an error message', async ({ page }) => {
  const good = await startFakeOpenAI({ apiKey: SENTINEL_KEY, supportsN: true });
  const leaky = await startFakeOpenAI({ apiKey: 'sk-some-other-key', echoKeyInErrors: true });
  const bodies: string[] = [];
  page.on('response', async (res) => {
    try {
      bodies.push(`${JSON.stringify(res.headers())}\n${await res.text()}`);
    } catch {
      /* redirects and aborted requests have no body */
    }
  });

  try {
    await page.goto('/endpoints');
    for (const [name, url] of [
      ['sentinel-good', good.url],
      ['sentinel-leaky', leaky.url],
    ]) {
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Base URL').fill(url);
      await page.getByLabel('Model').fill('fake-model');
      await page.getByLabel('API key variable').fill(SENTINEL_ENV);
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
    }
    const goodRow = page.getByRole('row').filter({ hasText: 'sentinel-good' });
    await expect(goodRow.getByText('set', { exact: true })).toBeVisible();
    await goodRow.getByRole('button', { name: 'Test' }).click();
    await expect(goodRow.getByRole('status')).toContainText('Connected');
    await expect(goodRow.getByRole('status')).toContainText('honours n');

    const leakyRow = page.getByRole('row').filter({ hasText: 'sentinel-leaky' });
    await leakyRow.getByRole('button', { name: 'Test' }).click();
    await expect(leakyRow.getByRole('status')).toContainText('HTTP 401');
    await expect(leakyRow.getByRole('status')).toContainText('***');
    await page.screenshot({ path: 'test-results/screens/secrets-endpoints.png', fullPage: true });

    // The key really was used: the accepting provider saw requests that passed its key check.
    expect(good.stats().outcomes.ok).toBeGreaterThan(0);

    for (const url of ['/datasets', '/endpoints', '/admin/users']) await page.goto(url);
    const everything = [bodies.join('\n'), fs.readFileSync(SERVER_LOG, 'utf8'), await databaseRows()];
    for (const text of everything) expect(text.includes(SENTINEL_KEY)).toBe(false);
    // The sentinel is long enough that a partial echo would also be caught.
    for (const text of everything) expect(text.includes(SENTINEL_KEY.slice(3, 20))).toBe(false);
  } finally {
    await Promise.all([good.close(), leaky.close()]);
  }
});

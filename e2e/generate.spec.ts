// Generate: an admin adds an endpoint that points at the fake OpenAI-compatible server the e2e server
// runs (FAKE_OPENAI_URL, ~150 ms per answer); a curator imports a small dataset, starts a run with
// N=2 from the dataset page, watches live progress reach 100 %, and finds the new candidates on a
// prompt page. The app's in-process worker does the work (no `npm run worker`). Then cancel + resume
// of a second run, failed prompts and "Retry failed" on a third, and a viewer who sees no controls.
import { expect, test, type Page } from '@playwright/test';
import { FAKE_OPENAI_KEY_ENV, FAKE_OPENAI_URL } from '../lib/testing/e2e-constants';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
const PROMPTS = 80;
const ENDPOINT = `fake-e2e-${Date.now()}`;

function datasetFile(): Buffer {
  const lines = Array.from({ length: PROMPTS }, (_, i) => {
    const a = 3 + i;
    const b = 7 + 2 * i;
    return JSON.stringify({ id: `gen-${String(i + 1).padStart(3, '0')}`, prompt: `What is ${a} + ${b}? End with "#### <answer>".`, reference: String(a + b) });
  });
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** Changes the fake server's options at runtime (its test-control endpoint, not part of the OpenAI API). */
async function fakeOptions(options: Record<string, unknown>) {
  const res = await fetch(FAKE_OPENAI_URL.replace(/\/v1$/, '/__options'), { method: 'POST', body: JSON.stringify(options) });
  expect(res.ok, await res.text()).toBe(true);
}

const percent = async (page: Page) => Number((await page.getByTestId('run-percent').textContent())?.replace('%', '') ?? 'NaN');

test('create an endpoint, start a run, watch it reach 100 %, see the new candidates', async ({ page, browser }) => {
  test.setTimeout(150_000);

  // 1. The admin adds the endpoint and tests it (which also learns that it honours n).
  const admin = await browser.newContext({ storageState: 'test-results/.auth/admin.json' });
  const adminPage = await admin.newPage();
  await adminPage.goto('/endpoints');
  await adminPage.getByLabel('Name').fill(ENDPOINT);
  await adminPage.getByLabel('Base URL').fill(FAKE_OPENAI_URL);
  await adminPage.getByLabel('Model').fill('fake-model');
  await adminPage.getByLabel('API key variable').fill(FAKE_OPENAI_KEY_ENV);
  await adminPage.getByLabel('Max concurrency').fill('2');
  await adminPage.getByRole('button', { name: 'Add endpoint' }).click();
  const row = adminPage.getByRole('row').filter({ hasText: ENDPOINT });
  await expect(row).toBeVisible();
  await expect(row.getByText('set', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Test' }).click();
  await expect(row.getByRole('status')).toContainText('Connected');
  await admin.close();

  // 2. The curator imports a small dataset (not the demo one, which other journeys count on).
  const name = `e2e-generate-${Date.now()}`;
  await page.goto('/datasets/import');
  await page.getByLabel('Dataset', { exact: true }).fill(name);
  await page.locator('input[type="file"]').setInputFiles({ name: 'generate.jsonl', mimeType: 'application/x-ndjson', buffer: datasetFile() });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(/\/datasets\/\d+$/, { timeout: 30_000 });
  const datasetUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // 3. Generate → the form → the run page.
  await page.getByRole('link', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start generation' })).toBeVisible();
  await page.getByLabel('Endpoint').selectOption({ label: `${ENDPOINT} — fake-model` });
  await page.getByLabel('Candidates per prompt (N)').fill('2');
  await page.getByLabel('Temperature').fill('0.7');
  await page.getByLabel('Seed').fill('11');
  await expect(page.getByText(`--endpoint ${ENDPOINT} --n 2 --temperature 0.7 --seed 11`)).toBeVisible();
  await shot(page, 'generate-1-form');
  await page.getByRole('button', { name: 'Start generation' }).click();
  await expect(page).toHaveURL(/\/runs\/\d+$/);
  const runUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: /^Run #\d+$/ })).toBeVisible();

  // 4. Live progress: seen strictly between 0 and 100 %, then 100 % with every candidate.
  await expect.poll(() => percent(page), { timeout: 30_000, intervals: [200] }).toBeGreaterThan(0);
  const mid = await percent(page);
  await shot(page, 'generate-2-run-mid');
  expect(mid, 'the page showed the run part-way').toBeLessThan(100);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();

  await expect(page.getByTestId('run-percent')).toHaveText('100%', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('completed');
  await expect(page.getByTestId('run-prompts-done')).toHaveText(`${PROMPTS} / ${PROMPTS}`);
  await expect(page.getByText(`${PROMPTS * 2} / ${PROMPTS * 2}`)).toBeVisible();
  await expect(page.getByText('No errors so far.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await shot(page, 'generate-3-run-done');

  // 5. The runs list shows it; a prompt page shows its two new candidates from the fake model.
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  const runRow = page.getByRole('table', { name: 'Generation runs' }).locator('tbody tr').first();
  await expect(runRow).toContainText('completed');
  await expect(runRow).toContainText(`${PROMPTS * 2} / ${PROMPTS * 2}`);
  await shot(page, 'generate-4-runs');

  await page.goto(datasetUrl);
  await page.getByRole('table').locator('tbody tr').first().click();
  await expect(page).toHaveURL(/\/prompts\/\d+/);
  const cards = page.getByTestId('candidate-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toContainText('fake-model');
  await expect(cards.first()).toContainText(/A: -?\d+/); // the fake model's math answer
  await shot(page, 'generate-5-prompt');

  // 6. A second run is cancelled part-way and resumed; it ends with every candidate.
  await page.goto(`${datasetUrl}/runs/new`);
  await page.getByLabel('Endpoint').selectOption({ label: `${ENDPOINT} — fake-model` });
  await page.getByLabel('Candidates per prompt (N)').fill('1');
  await page.getByRole('button', { name: 'Start generation' }).click();
  await expect(page).toHaveURL(/\/runs\/\d+$/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled');
  const stoppedAt = await percent(page);
  expect(stoppedAt).toBeLessThan(100);
  await shot(page, 'generate-6-cancelled');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-percent')).toHaveText('100%', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('completed');
  await expect(page.getByText(`${PROMPTS} / ${PROMPTS} candidates`)).toBeVisible();

  // 7. A run whose provider refuses two requests (400, not retried) and rate-limits one (429, retried)
  // fails with 2 failed prompts listed by kind; "Retry failed" then completes it.
  await fakeOptions({ scriptedFaults: ['400', '400', '429'] });
  try {
    await page.goto(`${datasetUrl}/runs/new`);
    await page.getByLabel('Endpoint').selectOption({ label: `${ENDPOINT} — fake-model` });
    await page.getByLabel('Candidates per prompt (N)').fill('1');
    await page.getByRole('button', { name: 'Start generation' }).click();
    await expect(page).toHaveURL(/\/runs\/\d+$/);
    await expect(page.getByTestId('run-status')).toHaveText('failed', { timeout: 60_000 });
    await expect(page.getByText('(2 failed)')).toBeVisible();
    await expect(page.getByText('2 of 80 prompts failed (bad_request ×2)')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(0); // nothing left to resume: only failed prompts
    const errors = page.getByRole('table', { name: 'Errors by kind' });
    await expect(errors.getByRole('row').filter({ hasText: 'bad_request' }).getByRole('cell').nth(2)).toHaveText('2');
    await expect(errors.getByRole('row').filter({ hasText: 'rate_limit' }).getByRole('cell').nth(1)).toHaveText('1');
    await shot(page, 'generate-7-failed-prompts');
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await expect(page.getByTestId('run-prompts-done')).toHaveText(`${PROMPTS} / ${PROMPTS}`, { timeout: 30_000 });
    await expect(page.getByTestId('run-status')).toHaveText('completed');
    await expect(page.getByText('(2 failed)')).toHaveCount(0);
    await expect(page.getByText(`${PROMPTS} / ${PROMPTS} candidates`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retry failed' })).toHaveCount(0);
  } finally {
    await fakeOptions({ scriptedFaults: [] });
  }

  // 8. A viewer sees the run and its progress, but no controls and no Generate button.
  const viewer = await browser.newContext({ storageState: 'test-results/.auth/viewer.json' });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(runUrl);
  await expect(viewerPage.getByTestId('run-percent')).toHaveText('100%');
  for (const label of ['Cancel', 'Resume', 'Retry failed']) await expect(viewerPage.getByRole('button', { name: label })).toHaveCount(0);
  await viewerPage.goto(datasetUrl);
  await expect(viewerPage.getByRole('link', { name: 'Runs', exact: true })).toBeVisible();
  await expect(viewerPage.getByRole('link', { name: 'Generate', exact: true })).toHaveCount(0);
  await viewerPage.goto(`${datasetUrl}/runs/new`);
  await expect(viewerPage).toHaveURL(/\/forbidden/);
  await viewer.close();
});

// Export: from the dataset page to the Exports tab, a live count preview, a new version, its file and
// manifest downloaded through the browser, and a diff of two versions. Runs on the demo dataset
// (gsm8k-demo: 250 prompts × 4 candidates) with `status all`, so it needs no curated statuses.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

test('export trl-sft from the UI, download the file and its manifest, diff two versions', async ({ page }) => {
  await page.goto('/datasets');
  await page.getByRole('link', { name: 'gsm8k-demo' }).click();
  await page.getByRole('link', { name: 'Exports' }).click();
  await expect(page).toHaveURL(/\/datasets\/\d+\/exports$/);

  const form = page.getByRole('form', { name: 'New export' });
  await form.getByLabel('Format').selectOption('trl-sft');
  await form.getByLabel('Status').selectOption('all');
  const count = page.getByTestId('export-count');
  await expect(count).toContainText('1,000 rows from 250 of 250 prompts');
  await shot(page, 'export-1-form');

  // "Create export" streams the new version into a download while it is written, with a progress bar.
  const [streamed] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Create export' }).click()]);
  expect(streamed.suggestedFilename()).toBe('gsm8k-demo-trl-sft.jsonl');
  const streamedBody = await saved(streamed);
  await expect(page.getByText(/Version \d+ written: 1,000 rows/)).toBeVisible();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toContainText(/Version \d+ recorded · sha256 [0-9a-f]{12}/);
  await expect(progress).toContainText('1,000 rows');
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
  await shot(page, 'export-1b-progress');
  const first = page.locator('[data-testid^="export-version-"]').first();
  await expect(first).toContainText('trl-sft');
  await expect(first).toContainText('1,000');

  // The file, through the browser's download.
  const [fileDownload] = await Promise.all([page.waitForEvent('download'), first.getByRole('link', { name: 'File' }).click()]);
  expect(fileDownload.suggestedFilename()).toMatch(/^gsm8k-demo-trl-sft\.jsonl$/);
  const body = await saved(fileDownload);
  const lines = body.toString('utf8').split('\n').filter(Boolean);
  expect(lines).toHaveLength(1000);
  for (const line of lines.slice(0, 5)) {
    const row = JSON.parse(line) as { messages: { role: string; content: string }[] };
    expect(Object.keys(row)).toEqual(['messages']);
    expect(row.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    for (const m of row.messages) expect(m.content.trim()).not.toBe('');
  }
  expect(JSON.parse(lines[0]).messages[0].content).toContain('Janet’s ducks lay 16 eggs per day');

  // Its manifest.
  const [manifestDownload] = await Promise.all([page.waitForEvent('download'), first.getByRole('link', { name: 'Manifest' }).click()]);
  expect(manifestDownload.suggestedFilename()).toBe('gsm8k-demo-trl-sft.manifest.json');
  const manifest = JSON.parse((await saved(manifestDownload)).toString('utf8'));
  expect(manifest).toMatchObject({ format: 'trl-sft', parquet: false, dataset: { name: 'gsm8k-demo' }, filters: { status: 'all' }, counts: { rows: 1000, examples: 250 } });
  expect(manifest.sha256).toBe(createHash('sha256').update(body).digest('hex'));
  expect(streamedBody.equals(body), 'the streamed download is the stored file').toBe(true);
  expect(manifest.created_by).toMatch(/@/);

  // A second version with top-1 per prompt, then the diff of the two.
  await form.getByLabel('Top-k per prompt').fill('1');
  await expect(count).toContainText('250 rows from 250 of 250 prompts');
  await form.getByRole('button', { name: 'Create export' }).click();
  await expect(page.getByText(/Version \d+ written: 250 rows/)).toBeVisible();
  const versions = page.locator('[data-testid^="export-version-"]');
  await expect(versions).toHaveCount(2);
  await versions.nth(0).getByRole('checkbox').check();
  await versions.nth(1).getByRole('checkbox').check();
  const diff = page.getByTestId('export-diff');
  await expect(diff).toContainText('250 changed');
  await expect(diff).toContainText('0 added');
  await expect(diff).toContainText('gsm8k-test-0001');
  await shot(page, 'export-2-versions-diff');
});

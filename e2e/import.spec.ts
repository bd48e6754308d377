// Import through the UI: a good file creates a dataset and opens it; a broken one lists the errors
// with file and line and writes nothing.
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test('import a JSONL file with candidates, land on the new dataset', async ({ page }) => {
  const name = `e2e-small-${Date.now()}`;
  await page.goto('/datasets');
  await page.getByRole('link', { name: /Import/ }).first().click();
  await expect(page).toHaveURL(/\/datasets\/import$/);
  await page.getByLabel('Dataset', { exact: true }).fill(name);
  await expect(page.getByText(`Creates a new dataset “${name}”`)).toBeVisible();
  await page.getByLabel('Description').fill('Three prompts from the e2e suite.');
  await page.locator('input[type="file"]').setInputFiles(fixture('import-small.jsonl'));
  await expect(page.getByText('import-small.jsonl')).toBeVisible();
  await page.getByText('Record format').click();
  await shot(page, 'import-1-form');
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(page).toHaveURL(/\/datasets\/\d+$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('e2e-1');
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText('2');
  await expect(rows.nth(2)).toContainText('No candidates');
  await shot(page, 'import-2-dataset');

  await rows.nth(1).click();
  await expect(page.locator('[data-role="system"]')).toContainText('You are terse.');
  await expect(page.getByTestId('candidate-card')).toHaveCount(1);
  await page.keyboard.press(']');
  await expect(page.getByText('Generate candidates or import them with a')).toBeVisible();
  await shot(page, 'import-3-prompt-without-candidates');
});

test('a broken file lists its errors by line and writes nothing', async ({ page }) => {
  const name = `e2e-broken-${Date.now()}`;
  await page.goto('/datasets/import');
  await page.getByLabel('Dataset', { exact: true }).fill(name);
  await page.locator('input[type="file"]').setInputFiles(fixture('import-broken.jsonl'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  // (Next.js keeps its own empty role=alert route announcer on every page.)
  const alert = page.getByRole('alert').filter({ hasText: 'nothing was written' });
  await expect(alert).toContainText('nothing was written');
  const errors = alert.getByRole('list', { name: 'Import errors' }).getByRole('listitem');
  await expect(errors.filter({ hasText: 'import-broken.jsonl line 2' })).toHaveCount(1);
  await expect(errors.filter({ hasText: /line 2 · messages\[1\]\.role/ })).toHaveCount(1);
  await expect(errors.filter({ hasText: 'import-broken.jsonl line 3' })).not.toHaveCount(0);
  await shot(page, 'import-4-errors');

  await page.goto('/datasets');
  await expect(page.getByText(name)).toHaveCount(0);
});

// Insight: a dataset with the real GSM8K solutions, a math-answer gate, a (synthetic) judge score,
// verdicts and 400 curator decisions, seeded into the e2e database by lib/insight/testing/seed-e2e.ts.
// The page shows the charts; applying the suggested threshold changes the policy and the verdicts.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
let datasetId: number;

test.beforeAll(() => {
  const out = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'lib/insight/testing/seed-e2e.ts', 'insight-e2e'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  datasetId = JSON.parse(out.trim().split('\n').at(-1)!).datasetId;
});

const autoAccepted = async (page: Page) => Number((await page.locator('dt', { hasText: 'Auto-accepted' }).locator('xpath=..').locator('dd span').first().innerText()).replace(/,/g, ''));

test('the Insight page shows agreement, threshold, yield, reliability, cost and histograms', async ({ page }) => {
  await page.goto(`/datasets/${datasetId}`);
  await page.getByRole('navigation', { name: 'Dataset sections' }).getByRole('link', { name: 'Insight' }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${datasetId}/insight$`));

  await expect(page.getByRole('heading', { name: 'Judge vs curators' })).toBeVisible();
  await expect(page.getByText('400 reviewed candidates')).toBeVisible();
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix).toContainText('Auto-accepted');
  await expect(page.getByTestId('agreement-metrics')).toContainText("Cohen's κ");
  await expect(page.getByTestId('agreement-metrics')).toContainText('95% CI');
  await expect(page.getByRole('table', { name: 'Agreement per evaluator' })).toContainText('math-answer');

  for (const id of ['threshold-chart', 'yield-chart', 'reliability-chart']) {
    await expect(page.getByTestId(id).getByRole('application')).toBeVisible();
  }
  // Yield by N: one point per k = 1..4.
  await expect(page.getByTestId('yield-chart').locator('.recharts-line-dot')).toHaveCount(4);
  await expect(page.getByTestId('histogram-chart')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Cost per run, model and endpoint' })).toContainText('175b_verification');
  await expect(page.getByText(/mean 0\.\d\d, max 0\.\d\d over 1,000 scores/)).toBeVisible();
  await shot(page, 'insight-1-page');
});

test('applying the suggested threshold changes the policy and the verdicts', async ({ page }) => {
  await page.goto(`/datasets/${datasetId}/insight`);
  const suggested = (await page.getByTestId('suggested-threshold').innerText()).trim();
  expect(suggested).not.toBe('0.50');
  await expect(page.getByText('(now 0.50)')).toBeVisible();
  await expect(page.getByTestId('threshold-effect')).toContainText(/would accept \d+ more, reject \d+/);
  const before = await autoAccepted(page);

  await page.getByRole('button', { name: `Apply ${suggested}` }).click();
  await expect(page.getByRole('status')).toContainText(`Threshold set to ${suggested}; re-deriving the verdicts in the background`);
  await expect(page.getByText(`(now ${suggested})`)).toBeVisible();
  await expect(page.getByTestId('threshold-effect')).toContainText('That is the current threshold');
  await expect.poll(() => autoAccepted(page)).not.toBe(before);
  await shot(page, 'insight-2-applied');

  // A fresh load agrees: the policy was saved.
  await page.reload();
  await expect(page.getByText(`(now ${suggested})`)).toBeVisible();
});

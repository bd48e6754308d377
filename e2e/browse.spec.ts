// Browse: datasets list → dataset → search → prompt, on the demo dataset the e2e server seeds
// (gsm8k-demo: 250 GSM8K problems × 4 GPT-3 solutions). Screenshots go to test-results/screens/.
import { expect, test, type Page } from '@playwright/test';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test('datasets list → dataset → search “Janet” → prompt with its 4 candidates', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/datasets$/);
  const row = page.getByRole('row').filter({ hasText: 'gsm8k-demo' });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(1)).toHaveText('250');
  await expect(row.getByRole('cell').nth(2)).toHaveText('1,000');
  await shot(page, 'browse-1-datasets');

  await row.getByRole('link', { name: 'gsm8k-demo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'gsm8k-demo' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.locator('tbody tr')).toHaveCount(50);
  await expect(page.getByText('250 prompts')).toBeVisible();
  await shot(page, 'browse-2-dataset');

  // `/` focuses the search; typing filters (debounced) and lands in the URL.
  await page.locator('body').press('/');
  const search = page.getByRole('searchbox', { name: 'Search prompts' });
  await expect(search).toBeFocused();
  await search.pressSequentially('janet');
  await expect(page).toHaveURL(/[?&]q=janet/);
  await expect(page.getByText('4 matches')).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(4);
  for (const text of await table.locator('tbody tr td:nth-child(2)').allTextContents()) expect(text.toLowerCase()).toContain('janet');
  await shot(page, 'browse-3-search');

  // Keyboard: leave the box, j selects the first row, Enter opens it.
  await search.press('Escape');
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/datasets\/\d+\/prompts\/\d+\?q=janet/);

  await expect(page.getByRole('heading', { level: 1, name: 'gsm8k-test-0001' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Prompt messages' })).toContainText('Janet’s ducks lay 16 eggs per day');
  await expect(page.locator('section[aria-labelledby="reference-heading"]')).toContainText('18');
  const cards = page.getByTestId('candidate-card');
  await expect(cards).toHaveCount(4);
  for (const model of ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification']) {
    await expect(cards.filter({ hasText: model })).toHaveCount(1);
  }
  await shot(page, 'browse-4-prompt');

  // `]` walks to the next prompt of the same search; `u` goes back to the list.
  await page.keyboard.press(']');
  await expect(page.getByRole('heading', { level: 1, name: 'gsm8k-test-0062' })).toBeVisible();
  await page.keyboard.press('u');
  await expect(page).toHaveURL(/\/datasets\/\d+\?q=janet/);
  await expect(table.locator('tbody tr').first()).toContainText('gsm8k-test-0062');
});

test('status filter and paging keep working together', async ({ page }) => {
  await page.goto('/datasets');
  await page.getByRole('link', { name: 'gsm8k-demo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'gsm8k-demo' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.locator('tbody tr')).toHaveCount(50);
  const firstId = await table.locator('tbody tr').first().locator('td').first().textContent();
  expect(firstId).toBe('gsm8k-test-0001');
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(table.locator('tbody tr').first()).not.toContainText(firstId!);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(table.locator('tbody tr').first()).toContainText(firstId!);

  await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('no-candidates');
  await expect(page.getByText('No prompts match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(50);
});

test('unknown dataset and prompt pages say so', async ({ page }) => {
  await page.goto('/datasets/999999');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await page.goto('/datasets/not-a-number/prompts/1');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});

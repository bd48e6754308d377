// Review workbench journeys on the demo dataset (gsm8k-demo: 250 problems × 4 candidates). They do
// not rely on auto verdicts or scores being present. Screenshots go to test-results/screens/.
import { expect, test, type Page } from '@playwright/test';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
const boardUrl = /\/datasets\/\d+\/review\/\d+/;

async function openQueue(page: Page) {
  await page.goto('/datasets');
  await page.getByRole('link', { name: 'gsm8k-demo' }).click();
  await page.getByTestId('open-review').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
}

const card = (page: Page, i: number) => page.getByTestId('review-card').nth(i);

test('a curator reviews three prompts using only the keyboard', async ({ page }) => {
  await openQueue(page);
  await expect(page.getByTestId('review-progress')).toContainText('prompts reviewed');
  await shot(page, 'review-1-queue');

  // n: claim the first prompt of the queue.
  await page.keyboard.press('n');
  await expect(page).toHaveURL(boardUrl);
  const first = page.url();
  await expect(page.getByTestId('review-card')).toHaveCount(4);
  // 1 selects the first card, a approves it; j moves down, r rejects the second.
  await page.keyboard.press('1');
  await page.keyboard.press('a');
  await expect(card(page, 0)).toHaveAttribute('data-final-status', 'approved');
  await page.keyboard.press('j');
  await expect(card(page, 1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('r');
  await expect(card(page, 1)).toHaveAttribute('data-final-status', 'rejected');
  await expect(page.getByTestId('audit-log')).toContainText('approve');
  // u resets the rejection back to the automatic verdict.
  await page.keyboard.press('u');
  await expect(card(page, 1).getByTestId('decision-by')).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(card(page, 1)).toHaveAttribute('data-final-status', 'rejected');
  await shot(page, 'review-2-board');

  // n: the next prompt; b accepts the best and rejects the rest.
  await page.keyboard.press('n');
  await expect(page).not.toHaveURL(first);
  await expect(page).toHaveURL(boardUrl);
  const second = page.url();
  await expect(page.getByTestId('review-card')).toHaveCount(4);
  await page.keyboard.press('b');
  await expect(card(page, 0)).toHaveAttribute('data-final-status', 'approved');
  for (const i of [1, 2, 3]) await expect(card(page, i)).toHaveAttribute('data-final-status', 'rejected');

  // d on two cards opens the word-level diff.
  await page.keyboard.press('1');
  await page.keyboard.press('d');
  await page.keyboard.press('j');
  await page.keyboard.press('d');
  const diff = page.getByTestId('diff-dialog');
  await expect(diff).toBeVisible();
  await expect(diff.getByTestId('diff-left')).toBeVisible();
  await expect(diff.getByTestId('diff-right')).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screens/review-3-diff.png' });
  await page.keyboard.press('Escape');
  await expect(diff).toBeHidden();

  // ? lists the shortcuts.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toContainText('Accept the best, reject the rest');
  await page.keyboard.press('Escape');

  // Third prompt: approve the second-ranked candidate only.
  await page.keyboard.press('n');
  await expect(page).not.toHaveURL(second);
  await expect(page).toHaveURL(boardUrl);
  await expect(page.getByTestId('review-card')).toHaveCount(4);
  await page.keyboard.press('2');
  await page.keyboard.press('a');
  await expect(card(page, 1)).toHaveAttribute('data-final-status', 'approved');
  const third = page.url();

  // Everything was saved: reload each board and see the decisions.
  for (const [url, index, status] of [
    [first, 0, 'approved'],
    [first, 1, 'rejected'],
    [second, 3, 'rejected'],
    [third, 1, 'approved'],
  ] as const) {
    await page.goto(url);
    await expect(card(page, index)).toHaveAttribute('data-final-status', status);
    await expect(card(page, index).getByTestId('decision-by')).toContainText('curator@e2e.test');
  }
});

test('two curators decide the same candidate: the second sees the conflict, nothing is overwritten', async ({ browser }) => {
  const alice = await browser.newContext({ storageState: 'test-results/.auth/admin.json' });
  const bob = await browser.newContext({ storageState: 'test-results/.auth/curator.json' });
  try {
    const a = await alice.newPage();
    await openQueue(a);
    // A prompt nobody reviewed: the last row of the first page.
    const href = await a.getByTestId('queue-row').last().getByRole('link').getAttribute('href');
    await a.goto(href!);
    const b = await bob.newPage();
    await b.goto(href!);
    await expect(card(a, 0)).toBeVisible();
    await expect(card(b, 0)).toBeVisible();

    // Alice approves first; Bob, whose board still shows the old version, rejects.
    await card(a, 0).getByRole('button', { name: /^Approve/ }).click();
    await expect(card(a, 0)).toHaveAttribute('data-final-status', 'approved');
    await expect(card(a, 0).getByTestId('decision-by')).toContainText('Ada Admin');
    await card(b, 0).getByRole('button', { name: /^Reject/ }).click();

    await expect(b.getByText('Not saved: someone else decided first')).toBeVisible();
    await expect(b.getByText(/Ada Admin approved candidate #\d+ meanwhile/)).toBeVisible();
    // Bob's board rolls back and then shows Alice's decision.
    await expect(card(b, 0)).toHaveAttribute('data-final-status', 'approved');
    await expect(card(b, 0).getByTestId('decision-by')).toContainText('Ada Admin');
    await shot(b, 'review-4-conflict');

    // Alice's decision stands.
    await a.reload();
    await expect(card(a, 0)).toHaveAttribute('data-final-status', 'approved');
    await expect(card(a, 0).getByTestId('decision-by')).toContainText('Ada Admin');
  } finally {
    await alice.close();
    await bob.close();
  }
});

test('blind mode hides scores and verdicts', async ({ page }) => {
  await openQueue(page);
  await page.getByTestId('queue-row').nth(3).getByRole('link').click();
  await expect(page).toHaveURL(boardUrl);
  const board = page.getByTestId('review-board');
  await expect(page.getByTestId('aggregate').first()).toBeVisible();
  await expect(board).not.toContainText('Undecided');

  await page.getByRole('button', { name: 'Blind mode' }).click();
  await expect(board).toHaveAttribute('data-blind', 'true');
  await expect(page.getByTestId('aggregate')).toHaveCount(0);
  await expect(page.getByTestId('scores')).toHaveCount(0);
  await expect(page.getByTestId('verdict-reason')).toHaveCount(0);
  await expect(board).not.toContainText(/Auto: (accepted|rejected|pending)/);
  await expect(board).not.toContainText(/rank \d/);
  await shot(page, 'review-5-blind');

  // Remembered across pages, and can be turned off again.
  await page.reload();
  await expect(board).toHaveAttribute('data-blind', 'true');
  await expect(page.getByTestId('aggregate')).toHaveCount(0);
  await page.getByRole('button', { name: 'Blind mode on' }).click();
  await expect(page.getByTestId('aggregate').first()).toBeVisible();
});

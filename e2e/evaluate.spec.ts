// Evaluate: a curator imports a small dataset with candidates, adds a math-answer gate and two score
// evaluators in the UI (a bad config is refused naming the field), runs them and watches progress
// reach every result, sees gate badges and verdict reasons on a prompt page, then raises the policy
// threshold and sees verdicts change — without the evaluators running again. A second test imports
// unbounded reward scores, fixes their normalisation in the UI and sees raw and normalised values.
import { expect, test, type Page } from '@playwright/test';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
const PROMPTS = 4;

function datasetFile(): Buffer {
  const lines = Array.from({ length: PROMPTS }, (_, i) => {
    const a = 20 + i;
    const b = 5 + 3 * i;
    const answer = a + b;
    return JSON.stringify({
      id: `eval-${i + 1}`,
      prompt: `What is ${a} + ${b}?`,
      reference: String(answer),
      candidates: [
        `${a} + ${b} = ${answer}, therefore\nA: ${answer}`,
        `${a} + ${b} = ${answer + 8}, therefore\nA: ${answer + 8}`,
        `The answer is ${answer}.`,
        `Therefore it is ${answer}.`,
      ],
    });
  });
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function addEvaluator(page: Page, kind: string, opts: { name?: string; role?: string; config?: string } = {}) {
  await page.getByTestId('add-evaluator').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind').selectOption(kind);
  if (opts.name) await dialog.getByLabel('Name').fill(opts.name);
  if (opts.role) await dialog.getByLabel('Role').selectOption(opts.role);
  if (opts.config !== undefined) await dialog.getByLabel('Config (JSON)').fill(opts.config);
  await dialog.getByRole('button', { name: 'Add evaluator' }).click();
  return dialog;
}

async function setPolicy(page: Page, threshold: string, topK: string) {
  await page.getByLabel('Threshold (0–1)').fill(threshold);
  await page.getByLabel('Top k per prompt').fill(topK);
  await page.getByTestId('save-policy').click();
  // The action queues a re-derivation job; the panel follows it until its result is in.
  await expect(page.getByTestId('policy-result')).toContainText(`Re-derived ${PROMPTS * 4} candidates`);
  await expect(page.getByTestId('rederive-status')).toHaveCount(0);
}

test('add evaluators in the UI, run them, see gate badges and reasons, change the threshold', async ({ page }) => {
  test.setTimeout(150_000);
  const name = `e2e-evaluate-${Date.now()}`;
  await page.goto('/datasets/import');
  await page.getByLabel('Dataset', { exact: true }).fill(name);
  await page.locator('input[type="file"]').setInputFiles({ name: 'evaluate.jsonl', mimeType: 'application/x-ndjson', buffer: datasetFile() });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(/\/datasets\/\d+$/, { timeout: 30_000 });
  const datasetUrl = page.url();

  // 1. The Evaluators tab: add a math-answer gate, then two scorers (the first try has a typo).
  await page.getByRole('link', { name: 'Evaluators', exact: true }).click();
  await expect(page).toHaveURL(/\/evaluators$/);
  await expect(page.getByText('No evaluators yet.')).toBeVisible();
  await addEvaluator(page, 'math-answer', { config: '{}' });
  await expect(page.getByTestId('evaluator-row')).toHaveCount(1);

  const dialog = await addEvaluator(page, 'contains', { name: 'reasoning', role: 'score', config: '{"txt": "therefore"}' });
  await expect(dialog.getByRole('alert')).toContainText('config.txt: unknown field');
  await shot(page, 'evaluate-1-config-error');
  await dialog.getByLabel('Config (JSON)').fill('{"text": "therefore"}');
  await dialog.getByRole('button', { name: 'Add evaluator' }).click();
  await expect(page.getByTestId('evaluator-row')).toHaveCount(2);
  await addEvaluator(page, 'regex', { name: 'format', role: 'score', config: '{"pattern": "^A: ", "flags": "m"}' });
  await expect(page.getByTestId('evaluator-row')).toHaveCount(3);
  // Nothing scored yet: every candidate waits for the gate.
  await expect(page.getByTestId('count-pending')).toHaveText(String(PROMPTS * 4));

  // 2. Run them: the app's own worker judges; progress reaches every (candidate, evaluator) pair.
  await page.getByTestId('run-evaluators').click();
  const total = PROMPTS * 4 * 3;
  await expect(page.getByTestId('judge-progress')).toContainText(`${total} of ${total} results`, { timeout: 60_000 });
  await expect(page.getByTestId('run-evaluators')).toHaveText('Run evaluators');
  for (const row of await page.getByTestId('evaluator-row').all()) await expect(row).toContainText(`${PROMPTS * 4} / ${PROMPTS * 4}`);
  // Default policy (threshold 0.5, top-1): the right, well-formatted sample 0 of each prompt.
  await expect(page.getByTestId('count-accepted')).toHaveText(String(PROMPTS));

  // 3. Accept every candidate scoring ≥ 0.5 (no top-k cap): samples 0 (1.0) and 3 (0.5).
  await setPolicy(page, '0.5', '0');
  await expect(page.getByTestId('count-accepted')).toHaveText(String(PROMPTS * 2));
  // The dataset header (a server component) follows once the re-derivation job is done.
  await expect(page.locator('div:has(> dt:text-is("Auto-accepted")) > dd > span').first()).toHaveText(String(PROMPTS * 2));
  await shot(page, 'evaluate-2-evaluators');

  // 4. The prompt page: gate badges, scores, reasons.
  await page.goto(datasetUrl);
  await page.getByRole('link', { name: 'eval-2', exact: true }).click();
  const cards = page.getByTestId('candidate-card');
  await expect(cards).toHaveCount(4);
  const wrong = cards.filter({ hasText: 'A: 37' });
  await expect(wrong.locator('[data-testid="gate-badge"][data-state="fail"]')).toContainText('math-answer');
  await expect(wrong.getByText('failed gate math-answer: got 37, expected 29')).toBeVisible();
  const half = cards.filter({ hasText: 'Therefore it is 29.' });
  await expect(half.locator('[data-testid="gate-badge"][data-state="pass"]')).toContainText('math-answer');
  await expect(half.getByText('Auto: accepted')).toBeVisible();
  await expect(half.getByText(/score 0\.50 ≥ 0\.50/)).toBeVisible();
  await shot(page, 'evaluate-3-prompt');

  // 5. Raise the threshold: sample 3 (0.5) falls out, with the reason; nothing re-runs.
  await page.goto(`${datasetUrl}/evaluators`);
  await setPolicy(page, '0.75', '0');
  await expect(page.getByTestId('count-accepted')).toHaveText(String(PROMPTS));
  await expect(page.getByTestId('judge-progress')).toContainText(`${total} of ${total} results`);
  await page.goto(datasetUrl);
  await page.getByRole('link', { name: 'eval-2', exact: true }).click();
  const after = page.getByTestId('candidate-card').filter({ hasText: 'Therefore it is 29.' });
  await expect(after.getByText('Auto: rejected')).toBeVisible();
  await expect(after.getByText('score 0.50 below threshold 0.75')).toBeVisible();
  await shot(page, 'evaluate-4-prompt-after-threshold');
});

test('imported reward scores: raw kept, normalisation edited in the UI, raw and 0..1 shown', async ({ page }) => {
  test.setTimeout(90_000);
  const name = `e2e-rewards-${Date.now()}`;
  const raw = [-4.2, 6.1, 0.5];
  const lines = [1, 2].map((i) => JSON.stringify({ id: `rm-${i}`, prompt: `Question ${i}?`, candidates: raw.map((r, k) => ({ content: `Answer ${i}.${k}`, scores: { rm: r } })) }));
  await page.goto('/datasets/import');
  await page.getByLabel('Dataset', { exact: true }).fill(name);
  await page.locator('input[type="file"]').setInputFiles({ name: 'rewards.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines.join('\n')}\n`) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(/\/datasets\/\d+$/, { timeout: 30_000 });
  const datasetUrl = page.url();

  // The import made an `imported` evaluator; by default only values already in 0..1 count, the
  // others are errors that say how to fix them.
  await page.getByRole('link', { name: 'Evaluators', exact: true }).click();
  const row = page.getByTestId('evaluator-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('imported');
  await expect(row).toContainText('4 errors');

  // Edit its config: min-max over −5..5. Nothing is deleted; the scores are re-normalised from raw.
  await row.getByTestId('edit-evaluator').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('re-normalises them from their raw values');
  await dialog.getByLabel('Config (JSON)').fill('{"normalize": {"min": -5, "max": 5}}');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Updated rm: its scores are re-normalised from their raw values.' })).toBeVisible();
  await expect(row).toContainText('6 / 6');
  await expect(row).not.toContainText('errors');
  // Default policy (threshold 0.5, top 1): the 6.1 answer of each prompt.
  await expect(page.getByTestId('count-accepted')).toHaveText('2');
  await expect(page.getByTestId('rederive-status')).toHaveCount(0);
  await shot(page, 'evaluate-5-imported-normalised');

  // The prompt page shows the normalised score with its raw value.
  await page.goto(datasetUrl);
  await page.getByRole('link', { name: 'rm-1', exact: true }).click();
  const best = page.getByTestId('candidate-card').filter({ hasText: 'Answer 1.1' });
  await expect(best).toBeVisible({ timeout: 30_000 }); // a loaded machine can be slow to render the page
  await expect(best.getByTestId('score-badge')).toContainText('rm 1.00');
  await expect(best.getByTestId('raw-score')).toHaveText('raw 6.1');
  await expect(best.getByText('Auto: accepted')).toBeVisible();
  const worst = page.getByTestId('candidate-card').filter({ hasText: 'Answer 1.0' });
  await expect(worst.getByTestId('raw-score')).toHaveText('raw −4.2');
  await shot(page, 'evaluate-6-raw-scores');
});

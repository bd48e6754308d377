// Model output and imported data are untrusted. This imports a dataset whose prompts, references,
// metadata and candidates are XSS payloads, renders every page that shows them in real Chromium, and
// proves that nothing executes, no javascript: link or remote resource exists, and no request leaves
// 127.0.0.1. Also: a CSP header on every page, and bidi tricks in file names shown harmlessly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3"></svg>',
  '<svg><script>window.__xss=4</script></svg>',
  '[click me](javascript:window.__xss=5)',
  '[click me](JaVaScRiPt:window.__xss=6)',
  '[click me](&#106;avascript:window.__xss=7)',
  '![pic](javascript:window.__xss=8)',
  '![remote](https://evil.example/track.png)',
  '<iframe src="javascript:window.__xss=10"></iframe>',
  '<a href="javascript:window.__xss=11">x</a>',
  '<style>body{background:url(https://evil.example/css.png)}</style>',
  '<div style="background:url(https://evil.example/style.png)">styled</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=14>',
  '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTU8L3NjcmlwdD4=)',
  '<details open ontoggle="window.__xss=16">d</details>',
  '<body onload=window.__xss=17>',
  '<input autofocus onfocus=window.__xss=18>',
  '<object data="javascript:window.__xss=19"></object>',
  '<form action="javascript:window.__xss=20"><button>go</button></form>',
  '[ref link][1]\n\n[1]: javascript:window.__xss=21',
  '<javascript:window.__xss=22>',
  '<link rel=stylesheet href=https://evil.example/l.css>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=24">',
  '<base href="https://evil.example/">',
  '```html\n<script>window.__xss=26</script>\n```',
  'safe \u202Etxt.exe\u202C mixed with <b onmouseover=window.__xss=27>bold</b>',
];

function writeFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xss-'));
  const file = path.join(dir, 'xss.jsonl');
  const lines = PAYLOADS.map((p, i) =>
    JSON.stringify({
      id: `xss-${i + 1}`,
      messages: [
        { role: 'system', content: p },
        { role: 'user', content: `Payload ${i + 1}: ${p}` },
      ],
      reference: p,
      metadata: { payload: p, [p.slice(0, 20)]: 'key too' },
      candidates: [p, { content: `Answer with payload ${i + 1}\n\n${p}`, model: p.slice(0, 30) }],
    }),
  );
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function watch(page: Page) {
  const outside: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:') outside.push(r.url());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { outside, dialogs };
}

async function assertInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  const main = page.locator('#main');
  expect(await main.locator('script, iframe, object, embed, form[action^="javascript"], style, link, meta, base').count()).toBe(0);
  expect(await page.locator('a[href^="javascript" i], a[href^="data:" i], [src^="javascript" i]').count()).toBe(0);
  const withHandlers = await main.evaluate((root) =>
    [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
  );
  expect(withHandlers).toBe(0);
  // No remote image is loaded until the curator asks for it.
  expect(await page.locator('img[src^="http"]').count()).toBe(0);
}

test('payloads in every field render as inert text on every page', async ({ page }) => {
  test.setTimeout(240_000); // 27 prompt pages, each opened from the dataset table
  const seen = await watch(page);
  const name = `xss-${Date.now()}`;
  await page.goto('/datasets/import');
  await page.getByLabel('Dataset', { exact: true }).fill(name);
  await page.locator('input[type="file"]').setInputFiles(writeFixture());
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(/\/datasets\/\d+$/, { timeout: 30_000 });
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(PAYLOADS.length);
  await assertInert(page);
  await page.screenshot({ path: 'test-results/screens/xss-1-dataset.png', fullPage: true });

  const datasetUrl = page.url();
  for (let i = 0; i < PAYLOADS.length; i++) {
    await page.goto(datasetUrl);
    await page.getByRole('table').locator('tbody tr').filter({ hasText: `xss-${i + 1}` }).first().click();
    await expect(page.getByTestId('candidate-card')).toHaveCount(2);
    // Expand anything collapsed (metadata, rationales) so it renders too.
    for (const toggle of await page.locator('#main summary').all()) await toggle.click();
    await assertInert(page);
    if (i === 8) await page.screenshot({ path: 'test-results/screens/xss-2-prompt-remote-image.png', fullPage: true });
  }
  expect(seen.dialogs).toEqual([]);
  expect(seen.outside).toEqual([]);
});

test('every page is served with a Content-Security-Policy that forbids inline script', async ({ request }) => {
  for (const url of ['/datasets', '/login', '/endpoints', '/api/health']) {
    const res = await request.get(url);
    const csp = res.headers()['content-security-policy'];
    expect(csp, url).toContain("script-src 'self' 'nonce-");
    expect(csp, url).not.toContain("'unsafe-inline' 'strict-dynamic'");
    expect(csp, url).toContain("frame-ancestors 'none'");
  }
});

test('a file name with bidi controls is shown with the controls made visible', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bidi-'));
  const file = path.join(dir, 'report\u202Elmth.jsonl');
  fs.writeFileSync(file, 'not json\n');
  await page.goto('/datasets/import');
  await page.getByLabel('Dataset', { exact: true }).fill(`bidi-${Date.now()}`);
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  // Next.js keeps its own (empty) role=alert route announcer on every page: pick ours.
  const alert = page.getByRole('alert').filter({ hasText: 'nothing was written' });
  await expect(alert).toBeVisible();
  const text = (await alert.textContent())!;
  expect(text).not.toContain('\u202E');
  expect(text).toContain('U+202E');
});

// The first-run journey, which also prepares the signed-in browsers the other specs use:
// a fresh Winnow asks for the first admin → the admin lands on the demo dataset → invites a curator
// and a viewer (one-time passwords shown once) → each signs in. Storage states go to test-results/.auth.
import { expect, test as setup, type Browser } from '@playwright/test';

export const AUTH = (role: 'admin' | 'curator' | 'viewer') => `test-results/.auth/${role}.json`;
const ADMIN = { name: 'Ada Admin', email: 'admin@e2e.test', password: 'admin-password-123' };

async function signIn(browser: Browser, email: string, password: string, role: 'curator' | 'viewer') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/datasets');
  await expect(page).toHaveURL(/\/login\?next=%2Fdatasets/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await context.storageState({ path: AUTH(role) });
  await context.close();
}

setup('first visit creates the admin, who invites a curator and a viewer', async ({ page, browser }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Winnow' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/auth-1-setup.png' });

  // A too-short password is explained, nothing is created.
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: /Create admin/ }).click();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();

  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: /Create admin/ }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByRole('link', { name: 'gsm8k-demo' })).toBeVisible();
  await page.context().storageState({ path: AUTH('admin') });

  const passwords: Record<string, string> = {};
  await page.goto('/admin/users');
  for (const role of ['curator', 'viewer'] as const) {
    await page.getByLabel('Email').fill(`${role}@e2e.test`);
    await page.getByLabel('Role', { exact: true }).selectOption(role);
    await page.getByRole('button', { name: 'Invite' }).click();
    // The previous invite's password stays on screen until this one answers: wait for ours.
    await expect(page.getByRole('status').filter({ hasText: 'one-time password' })).toContainText(`Invited ${role}@e2e.test`);
    const secret = page.getByTestId('one-time-password');
    passwords[role] = (await secret.textContent())!.trim();
  }
  await expect(page.getByRole('row').filter({ hasText: 'curator@e2e.test' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/auth-2-users.png', fullPage: true });

  await signIn(browser, 'curator@e2e.test', passwords.curator, 'curator');
  await signIn(browser, 'viewer@e2e.test', passwords.viewer, 'viewer');
});

import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (or any Chromium named by CHROMIUM_PATH); Playwright's own
// browser download is not needed. The web server is a production build against a fresh database.
const port = Number(process.env.E2E_PORT ?? 3100);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // Creates the first admin through the UI, invites a curator and a viewer, saves their sessions.
    { name: 'first-run', testMatch: /first-run\.setup\.ts/ },
    // Every other journey runs signed in (as a curator unless a spec says otherwise).
    { name: 'journeys', testMatch: /.*\.spec\.ts/, dependencies: ['first-run'], use: { storageState: 'test-results/.auth/curator.json' } },
  ],
  webServer: {
    command: `npx tsx --conditions=react-server lib/testing/e2e-server.ts`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' },
  },
});

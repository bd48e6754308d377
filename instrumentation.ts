// Next.js calls register() once when a server instance starts. In the Node.js runtime it starts this
// process's generation worker, so the app alone runs generation (no `npm run worker` needed).
// WINNOW_WORKER=0 turns it off (e.g. when dedicated `npm run worker` processes do the work).
// Failures are logged (and retried), never thrown: the web app serves regardless.

export async function register() {
  // The literal comparison lets the Edge bundle drop the Node-only import below.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    if (process.env.WINNOW_WORKER === '0') {
      console.log('[winnow] In-process generation worker disabled (WINNOW_WORKER=0).');
      return;
    }
    if (!process.env.DATABASE_URL) {
      console.warn('[winnow] DATABASE_URL is not set: no in-process generation worker (start the app with `npm start`).');
      return;
    }
    try {
      const { startInProcessWorker } = await import('./lib/jobs/in-process-worker');
      startInProcessWorker(); // connects in the background; the server answers meanwhile
    } catch (e) {
      console.error(`[winnow] The in-process generation worker could not be loaded: ${(e as Error).message}`);
    }
  }
}

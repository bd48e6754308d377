/** A fake provider key the e2e server holds in its environment; it must never show up anywhere else. */
export const SENTINEL_ENV = 'WINNOW_E2E_PROVIDER_KEY';
export const SENTINEL_KEY = 'sk-winnow-sentinel-7f3a9c1e5b2d';
export const SERVER_LOG = '.test-reports/e2e-server.log';
export const E2E_DATABASE = 'winnow_e2e';

/** The fake OpenAI-compatible server the e2e server starts next to the app (lib/testing/fake-openai). */
export const FAKE_OPENAI_PORT = Number(process.env.E2E_FAKE_OPENAI_PORT ?? 3199);
export const FAKE_OPENAI_URL = `http://127.0.0.1:${FAKE_OPENAI_PORT}/v1`;
/** Time before each fake answer starts, so a run lasts long enough to watch (plus up to 20 ms jitter). */
export const FAKE_OPENAI_LATENCY_MS = 150;
/** The fake server requires this key; the app holds it in FAKE_OPENAI_KEY_ENV (endpoints name the variable). */
export const FAKE_OPENAI_KEY_ENV = 'WINNOW_E2E_FAKE_OPENAI_KEY';
export const FAKE_OPENAI_KEY = 'sk-fake-e2e-generation-4c1d';
/** Also in the app's environment, for anything that wants to find the fake server. */
export const FAKE_OPENAI_URL_ENV = 'WINNOW_E2E_FAKE_OPENAI_URL';

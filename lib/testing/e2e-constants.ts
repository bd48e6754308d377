/** A fake provider key the e2e server holds in its environment; it must never show up anywhere else. */
export const SENTINEL_ENV = 'WINNOW_E2E_PROVIDER_KEY';
export const SENTINEL_KEY = 'sk-winnow-sentinel-7f3a9c1e5b2d';
export const SERVER_LOG = '.test-reports/e2e-server.log';
export const E2E_DATABASE = 'winnow_e2e';

// MOBIPASS_TESTS=node (npm run test:node) runs the tests that need no browser: CI runs them again on
// Node 22 LTS after the whole suite on Node 24 (the browsers do not depend on Node's version).
const BROWSER_TESTS = ['test/app/e2e-*.test.ts', 'test/app/compat*.test.ts', 'test/bank/e2e*.test.ts'];

module.exports = {
  require: ['tsx/cjs'],
  spec: ['test/**/*.test.ts'],
  ignore: process.env.MOBIPASS_TESTS === 'node' ? BROWSER_TESTS : [],
  extension: ['ts'],
  reporter: './test/support/totals-reporter.cjs',
  timeout: 30000,
};

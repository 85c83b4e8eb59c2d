module.exports = {
  require: ['tsx/cjs'],
  spec: ['test/**/*.test.ts'],
  extension: ['ts'],
  reporter: './test/support/totals-reporter.cjs',
  timeout: 30000,
};

#!/usr/bin/env node
// The bank kit's CLI; TypeScript runs through tsx, so there is no separate build step.
require('tsx/cjs');
require('../src/bank/cli/mobipass-bank.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

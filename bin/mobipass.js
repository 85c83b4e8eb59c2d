#!/usr/bin/env node
// The signing core's CLI; TypeScript runs through tsx, so there is no separate build step.
require('tsx/cjs');
process.exitCode = require('../src/cli/mobipass.ts').main(process.argv.slice(2));

// Mocha's spec output, then the totals as the one line CI reads: "N passed, N failed[, N skipped]".
const Mocha = require('mocha');

class TotalsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(`\n${passes} passed, ${failures} failed` + (pending ? `, ${pending} skipped` : '') + '\n');
    });
  }
}

module.exports = TotalsReporter;

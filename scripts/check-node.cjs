// Run before install, start and test: an older Node.js gets one line naming the supported versions
// instead of a crash (the SQLite driver, better-sqlite3 13, needs Node.js 22 or later).
var supported = require('../package.json').engines.node;
var major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    'MobiPass needs Node.js 22 or 24 LTS (' +
      supported +
      '); this is ' +
      process.version +
      ': install Node.js 24 LTS, or run npm through it: npx -y -p node@24 -- npm ci',
  );
  process.exit(1);
}

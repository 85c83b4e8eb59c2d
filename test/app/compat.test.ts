// What KaiOS 2.5 (Gecko 48) can run: ES5 syntax in every shipped script, only Gecko 48 APIs in the
// sources, and no eval. compat-gecko48.test.ts boots the real bundle without what Gecko 48 lacks.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import stylelint from 'stylelint';
import { requireBuild } from './helpers/browserSuite';
import { DIST } from './helpers/serveDist';

const ROOT = join(__dirname, '../..');
const ES_CHECK = join(ROOT, 'node_modules/.bin/es-check');

function shippedScripts(): string[] {
  requireBuild();
  return ['app', 'emulator'].flatMap((dir) =>
    readdirSync(join(DIST, dir))
      .filter((file) => file.endsWith('.js'))
      .map((file) => join(DIST, dir, file)),
  );
}

/** es-check's verdict: [passed, output]. */
function esCheck(files: string[]): [boolean, string] {
  try {
    return [true, execFileSync(ES_CHECK, ['es5', ...files], { encoding: 'utf8', stdio: 'pipe' })];
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    return [false, failed.stdout + failed.stderr];
  }
}

describe('app compatibility with KaiOS 2.5 (Gecko 48)', function () {
  this.timeout(60000);

  it('every shipped script is ES5 syntax (es-check es5), and es-check does refuse ES2015', () => {
    const files = shippedScripts();
    expect(files.map((file) => file.slice(DIST.length))).to.include.members(['/app/app.js', '/emulator/emulator.js']);
    const [passed, output] = esCheck(files);
    expect(passed, output).to.equal(true);
    const modern = join(mkdtempSync(join(tmpdir(), 'mobipass-es-')), 'modern.js');
    writeFileSync(modern, 'const twice = (x) => x * 2;\n');
    expect(esCheck([modern])[0]).to.equal(false);
  });

  it('no script needs eval: no eval( or new Function in the bundles', () => {
    for (const file of shippedScripts()) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).to.not.match(/\beval\(|new Function\b/);
    }
  });

  // `npm run lint` runs both linters over the sources; these probes show their rules do catch Gecko 48's gaps.
  it('the JavaScript lint refuses APIs Firefox 48 lacks (eslint-plugin-compat)', async () => {
    const [probe] = await new ESLint({ cwd: ROOT }).lintText('export const own = Object.hasOwn({}, "a");\n', {
      filePath: join(ROOT, 'src/app/probe.ts'),
    });
    expect(probe.messages.map((m) => m.ruleId)).to.include('compat/compat');
  });

  it('the CSS lint refuses features Firefox 48 lacks (stylelint, browserslist firefox 48)', async () => {
    const code = '.a { display: grid; }\n.b { inset: 0; }\n.c { overflow: hidden auto; }\n.d { overflow: hidden; }\n';
    const { results } = await stylelint.lint({ code, codeFilename: join(ROOT, 'src/app/probe.css'), cwd: ROOT });
    expect(results[0].warnings.map((w) => w.line)).to.deep.equal([1, 2, 3]);
  });
});

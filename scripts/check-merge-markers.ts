// A merge conflict left in any tracked file (a shell script, a doc) fails `npm run check`: the type
// checker, the linters and the formatter do not read every kind of file, and one such line once broke
// .ci/run before any test ran.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MARKER = /^(<<<<<<<|>>>>>>>) /;

const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
const found: string[] = [];
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed by git but deleted in the working tree
  }
  text.split('\n').forEach((line, index) => {
    if (MARKER.test(line)) found.push(`${file}:${index + 1}: ${line}`);
  });
}
if (found.length > 0) {
  console.error(`merge conflict markers left in ${found.length} line(s):\n${found.join('\n')}`);
  process.exit(1);
}

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A file with secrets in it (envelope digits), readable by its owner only and written atomically: the
 * content goes to a new 0600 file beside the target, reaches the disk, and only then takes the target's
 * name, so a failed write leaves no half file and no earlier file half overwritten.
 */
export function writeSecretFile(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'wx', 0o600);
  let written = false;
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
    written = true;
  } finally {
    closeSync(fd);
    if (!written) rmSync(temporary, { force: true });
  }
  renameSync(temporary, path);
  const directory = openSync(dirname(path), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}

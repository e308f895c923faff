/** Atomic file writes (cache, baseline, fixed files): a temp file in the same directory, then a rename. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';

/** Writes through a temp file in the same directory and a rename, keeping the old file's mode. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.shipguard-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, data, mode !== undefined ? { mode } : undefined);
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

import { readFile, writeFile } from 'node:fs/promises';
import * as lockfile from 'proper-lockfile';

export async function addEntry(file: string, entry: unknown) {
  const release = await lockfile.lock(file, { realpath: false });
  try {
    const entries = JSON.parse(await readFile(file, 'utf8'));
    entries.push(entry);
    await writeFile(file, JSON.stringify(entries));
  } finally {
    await release();
  }
}

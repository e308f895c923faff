/** The seed's payment ledger kept in a JSON file (audit 001, section 2), the Node way. */
import * as fs from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

const LEDGER = process.env.LEDGER_PATH ?? 'payments.json';

export async function appendEntry(entry: unknown): Promise<void> {
  const entries = JSON.parse(await readFile(LEDGER, 'utf8'));
  entries.push(entry);
  await writeFile(LEDGER, JSON.stringify(entries));
}

export function appendEntrySync(entry: unknown): void {
  const entries = JSON.parse(fs.readFileSync(LEDGER, 'utf8'));
  entries.push(entry);
  fs.writeFileSync(LEDGER, JSON.stringify(entries));
}

import { readFile as load, writeFile as save } from "node:fs/promises";
import * as lockfile from "proper-lockfile";
import writeFileAtomic from "write-file-atomic";

const QUOTAS = "./data/quotas.json";

// renamed imports are still fs calls
export async function consume(team: string, units: number) {
  const release = await lockfile.lock(QUOTAS, { retries: { retries: 10, minTimeout: 20 }, realpath: false });
  try {
    const quotas = JSON.parse(await load(QUOTAS, "utf8")); // expect: json-file-race
    quotas[team] = (quotas[team] ?? 0) - units;
    await writeFileAtomic(QUOTAS, JSON.stringify(quotas));
  } finally {
    await release();
  }
}

// a local function named like a file call is not one
async function readFile(p: string) {
  return `{"path": "${p}"}`;
}

export async function describe(p: string) {
  const info = JSON.parse(await readFile(p));
  return info;
}

import { readFile as load, writeFile as save } from "node:fs/promises";

const QUOTAS = "./data/quotas.json";

// renamed imports are still fs calls
export async function consume(team: string, units: number) {
  const quotas = JSON.parse(await load(QUOTAS, "utf8")); // expect: json-file-race
  quotas[team] = (quotas[team] ?? 0) - units;
  await save(QUOTAS, JSON.stringify(quotas));
}

// a local function named like a file call is not one
async function readFile(p: string) {
  return `{"path": "${p}"}`;
}

export async function describe(p: string) {
  const info = JSON.parse(await readFile(p));
  return info;
}

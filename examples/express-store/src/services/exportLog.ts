import { readFile, writeFile } from "fs/promises";
import path from "path";

const EXPORT_LOG = path.join(process.env.DATA_DIR ?? "/var/lib/store", "exports.json");

export async function recordExport(report: string) {
  let log: Record<string, string[]> = {};
  try {
    log = JSON.parse(await readFile(EXPORT_LOG, "utf8"));
  } catch {
    log = {};
  }
  (log[report] ??= []).push(new Date().toISOString());
  await writeFile(EXPORT_LOG, JSON.stringify(log));
}

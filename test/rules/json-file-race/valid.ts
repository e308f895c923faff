// shipguard-test: no-findings
import express from "express";
import fs from "fs";
import * as path from "node:path";
import { readFile, writeFile, rename } from "node:fs/promises";
import * as lockfile from "proper-lockfile";
import writeFileAtomic from "write-file-atomic";
import { Mutex } from "async-mutex";

const app = express();
const DATA_DIR = path.join(__dirname, "data");
const USERS_FILE = path.join(DATA_DIR, "users.json");
const mutex = new Mutex();

// 1. locked with proper-lockfile around the read and the write
app.post("/register", async (req, res) => {
  const release = await lockfile.lock(USERS_FILE, { retries: 5 });
  try {
    const users = JSON.parse(await readFile(USERS_FILE, "utf8"));
    users[req.body.email] = { plan: "free" };
    await writeFile(USERS_FILE, JSON.stringify(users));
  } finally {
    await release();
  }
  res.json({ ok: true });
});

// 2. a read without a later write
app.get("/users", (_req, res) => {
  const users = JSON.parse(fs.readFileSync(USERS_FILE, "utf8"));
  res.json(Object.keys(users));
});

// 3. a write without a read
export async function saveSnapshot(data: unknown) {
  await writeFile(path.join(DATA_DIR, "snapshot.json"), JSON.stringify(data));
}

// 4. different files: read a template, write an output
export function renderConfig(env: string) {
  const template = JSON.parse(fs.readFileSync("config.template.json", "utf8"));
  template.env = env;
  fs.writeFileSync(`config.${env}.json`, JSON.stringify(template));
}

// 5. atomic write: temp file and rename
export async function addUser(email: string) {
  const users = JSON.parse(await readFile(USERS_FILE, "utf8"));
  users[email] = {};
  const tmp = `${USERS_FILE}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(users));
  await rename(tmp, USERS_FILE);
}

// 6. inside an in-process mutex
export async function addEvent(event: object) {
  return mutex.runExclusive(async () => {
    const events = JSON.parse(await readFile("events.json", "utf8"));
    events.push(event);
    await writeFile("events.json", JSON.stringify(events));
  });
}

// 7. a helper named like a lock wraps the region
declare function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T>;
export async function addOrder(order: object) {
  await withFileLock("orders.json", async () => {
    const orders = JSON.parse(await readFile("orders.json", "utf8"));
    orders.push(order);
    await writeFile("orders.json", JSON.stringify(orders));
  });
}

// 8. a release script bumping package.json
export function bumpVersion(version: string) {
  const pkgPath = path.join(__dirname, "..", "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
  pkg.version = version;
  fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + "\n");
}

// 9. write-file-atomic for the write and a lock file
export async function setFlag(name: string, on: boolean) {
  const release = lockfile.lockSync("flags.json", { realpath: false });
  try {
    const flags = JSON.parse(fs.readFileSync("flags.json", "utf8"));
    flags[name] = on;
    await writeFileAtomic("flags.json", JSON.stringify(flags));
  } finally {
    release();
  }
}

// 10. a path variable reassigned between the read and the write
export function archive(id: string) {
  let file = path.join(DATA_DIR, `${id}.json`);
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  doc.archived = true;
  file = path.join(DATA_DIR, "archive", `${id}.json`);
  fs.writeFileSync(file, JSON.stringify(doc));
}

// 11. JSON.parse of a request body, not of a file; then a write
export function storeBody(body: string) {
  const data = JSON.parse(body);
  fs.writeFileSync(USERS_FILE, JSON.stringify(data));
}

// 12. a locally defined readFile that is not fs
function readFileSync(p: string): string {
  return p;
}
export function echo(p: string) {
  const value = JSON.parse(readFileSync(p));
  fs.writeFileSync("echo.txt", String(value));
}

// 13. the write happens before the read (load after save)
export function resetAndLoad() {
  fs.writeFileSync("state.json", "{}");
  return JSON.parse(fs.readFileSync("state.json", "utf8"));
}

// 14. callback style under a lock taken by the caller
export async function addNoteLocked(note: string) {
  const release = await lockfile.lock(USERS_FILE, { realpath: false });
  fs.readFile(USERS_FILE, "utf8", (err, text) => {
    if (err) return;
    const notes = JSON.parse(text);
    notes.push(note);
    fs.writeFile(USERS_FILE, JSON.stringify(notes), () => release());
  });
}

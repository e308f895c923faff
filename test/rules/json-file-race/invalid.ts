import express from "express";
import fs from "fs";
import * as path from "node:path";
import { promises as fsp } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { NextResponse } from "next/server";

const app = express();
const DATA_DIR = path.join(__dirname, "data");
const USERS_FILE = path.join(DATA_DIR, "users.json");

// 1. Express handler, sync fs through a default import
app.post("/register", (req, res) => {
  const users = JSON.parse(fs.readFileSync(USERS_FILE, "utf8")); // expect: json-file-race
  users[req.body.email] = { plan: "free" };
  fs.writeFileSync(USERS_FILE, JSON.stringify(users, null, 2));
  res.json({ ok: true });
});

// 2. async Express handler, fs.promises through an alias, path built in the function
app.post("/payments/:customer", async (req, res) => {
  const file = path.join(DATA_DIR, `${req.params.customer}.json`);
  const payments = JSON.parse(await fsp.readFile(file, "utf8")); // expect: json-file-race
  payments.push({ amount: req.body.amount });
  await fsp.writeFile(file, JSON.stringify(payments));
  res.status(201).json(payments);
});

// 3. Next.js route handler, named imports from fs/promises, raw text in a local
export async function POST(request: Request) {
  const body = await request.json();
  const raw = await readFile("data/subscriptions.json", "utf8");
  const subs = JSON.parse(raw); // expect: json-file-race
  subs.push(body);
  await writeFile("data/subscriptions.json", JSON.stringify(subs));
  return NextResponse.json({ count: subs.length });
}

// 4. a service class, the path in a field
export class LedgerStore {
  constructor(private readonly file: string) {}

  async append(entry: unknown): Promise<number> {
    const entries: unknown[] = JSON.parse((await fs.promises.readFile(this.file)).toString()); // expect: json-file-race
    entries.push(entry);
    await fs.promises.writeFile(this.file, JSON.stringify(entries), "utf8");
    return entries.length;
  }
}

// 5. the read inside try/catch with a default, the write after it
export function addTag(tag: string): string[] {
  let tags: string[] = [];
  try {
    tags = JSON.parse(fs.readFileSync(path.join(DATA_DIR, "tags.json"), "utf8")); // expect: json-file-race
  } catch {
    tags = [];
  }
  tags.push(tag);
  fs.writeFileSync(path.join(DATA_DIR, "tags.json"), JSON.stringify(tags));
  return tags;
}

// 6. the same file named by two locals with the same value
export async function bumpCounter() {
  const src = path.join(DATA_DIR, "counter.json");
  const data = JSON.parse(await readFile(src, "utf8")); // expect: json-file-race
  data.count += 1;
  const dest = path.join(DATA_DIR, "counter.json");
  await writeFile(dest, JSON.stringify(data));
}

// 7. callback style: the write happens in the read's callback
export function addNote(note: string, done: (err: Error | null) => void) {
  fs.readFile(USERS_FILE, "utf8", (err, text) => {
    if (err) return done(err);
    const notes = JSON.parse(text); // expect: json-file-race
    notes.push(note);
    fs.writeFile(USERS_FILE, JSON.stringify(notes), done);
  });
}

// 8. an object method in a module-level store
export const settingsStore = {
  update(key: string, value: string) {
    const settings = JSON.parse(String(fs.readFileSync("settings.json"))); // expect: json-file-race
    settings[key] = value;
    fs.writeFileSync("settings.json", JSON.stringify(settings));
  },
};

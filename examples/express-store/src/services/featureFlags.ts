import fs from "fs";
import path from "path";

const FLAGS_FILE = path.join(process.env.CONFIG_DIR ?? path.join(__dirname, "..", "..", "config"), "flags.json");

export function isEnabled(name: string): boolean {
  const flags = JSON.parse(fs.readFileSync(FLAGS_FILE, "utf8"));
  return Boolean(flags[name]);
}

export function setFlag(name: string, enabled: boolean) {
  const flags = JSON.parse(fs.readFileSync(FLAGS_FILE, "utf8"));
  flags[name] = enabled;
  fs.writeFileSync(FLAGS_FILE, JSON.stringify(flags, null, 2));
  return flags;
}

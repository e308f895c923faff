import { readFileSync, writeFileSync } from 'fs';

export function build(env: string) {
  const base = JSON.parse(readFileSync('config/base.json', 'utf8'));
  base.env = env;
  writeFileSync(`dist/config.${env}.json`, JSON.stringify(base));
}

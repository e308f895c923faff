/**
 * A fallback the repository's own deployment relies on: a Compose file that starts the
 * database with `POSTGRES_PASSWORD: paperless` while the app reads
 * `os.getenv("PAPERLESS_DBPASS", "paperless")` and never sets the variable. Failing fast is
 * still the right end state, but written in bulk it stops every install that kept the shipped
 * default; the maintainers need a migration path (set the variable in the Compose files, say so
 * in the release notes), which only they can write. The fix then needs input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSecretName } from '../hardcoded-secret/patterns';

/** Compose file names: `docker-compose.yml`, `docker-compose.postgres.yml`, `compose.yaml`, `compose.prod.yml`. */
const COMPOSE_FILE = /^(?:docker-)?compose(?:\.[\w-]+)*\.ya?ml$/i;
/** Where repositories keep their Compose files besides their root. */
const COMPOSE_DIRS = ['docker', 'docker/compose', 'compose', 'deploy', 'deployment', '.devcontainer'];
/** How far up from the file a repository root is looked for. */
const MAX_LEVELS = 6;
const MAX_BYTES = 256 * 1024;
/** `  POSTGRES_PASSWORD: paperless`, `- MYSQL_PASSWORD=secret`, quoted or not. */
const ENV_LINE = /^\s*-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*[:=]\s*["']?([^"'#\s]+)["']?\s*(?:#.*)?$/;

function composeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const sub of ['', ...COMPOSE_DIRS]) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(dir, sub));
    } catch {
      continue;
    }
    for (const n of names) if (COMPOSE_FILE.test(n)) out.push(path.join(dir, sub, n));
  }
  return out;
}

/**
 * The first Compose file of the repository holding `filePath` that gives a secret-named variable
 * the value `value` (its path from the folder it was found from, and the variable), or null.
 * A file that also sets the lookup's own variable does not count: the app then gets it from
 * there. The search goes up from the file's folder to the folder holding `.git` (at most six
 * levels).
 */
export function composeFileSetting(filePath: string, envName: string, value: string): string | null {
  let dir = path.dirname(path.resolve(filePath));
  let found: string | null = null;
  for (let level = 0; level < MAX_LEVELS; level++) {
    for (const f of composeFiles(dir)) {
      let text: string;
      try {
        if (fs.statSync(f).size > MAX_BYTES) continue;
        text = fs.readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      let match: string | null = null;
      let setsVariable = false;
      for (const line of text.split(/\r?\n/)) {
        const m = ENV_LINE.exec(line);
        if (!m) continue;
        if (m[1] === envName) setsVariable = true;
        else if (!match && m[2] === value && isSecretName(m[1])) match = m[1];
      }
      // a file that sets the variable itself gives it to the app: that deployment does not rely on the default
      if (match && !setsVariable) found = `${path.relative(dir, f).split(path.sep).join('/')} (\`${match}\`)`;
      if (found) break;
    }
    if (found || fs.existsSync(path.join(dir, '.git'))) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return found;
}

/**
 * Marks a fail-fast fix as needing input when a Compose file of the repository relies on the
 * default (see the module comment).
 */
export function unlessShipped<F extends { needsInput?: string }>(fix: F, filePath: string, envName: string, value: string): F {
  const where = composeFileSetting(filePath, envName, value);
  if (where) fix.needsInput = `${where} uses the same value: installs that kept it rely on the default; set the variable there first`;
  return fix;
}

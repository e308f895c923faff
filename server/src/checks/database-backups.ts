import * as path from 'node:path';
import type { ProjectCheck, ProjectFinding } from '../engine/project';
import { get, parseYaml, scalar, type YamlNode } from './yaml';

const ID = 'database-backups-off';

const COMPOSE = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/;
const DEV_NAME = /(^|[./_-])(dev|devel|development|local|test|tests|testing|ci|e2e|example|sample|override)([./_-]|$)/i;
const DATA_DIRS: Array<[RegExp, string]> = [
  [/^(?:[\w./-]+\/)?(?:postgres|postgis\/postgis|timescale\/timescaledb[\w-]*|bitnami\/postgresql)(?::|$)/, '/var/lib/postgresql'],
  [/^(?:[\w./-]+\/)?(?:mysql|mariadb|bitnami\/mysql|bitnami\/mariadb)(?::|$)/, '/var/lib/mysql'],
  [/^(?:[\w./-]+\/)?(?:mongo|bitnami\/mongodb)(?::|$)/, '/data/db'],
];

function items(n: YamlNode | undefined): YamlNode[] {
  return n?.kind === 'seq' ? n.items : [];
}

function doApp(file: string, doc: YamlNode): ProjectFinding[] {
  const out: ProjectFinding[] = [];
  for (const db of items(get(doc, 'databases'))) {
    if (db.kind !== 'map') continue;
    const engine = (scalar(get(db, 'engine')) ?? 'PG').toUpperCase();
    if (engine === 'REDIS' || engine === 'VALKEY') continue;
    // a database of an existing managed cluster is production whatever the flag says
    if (scalar(get(db, 'cluster_name'))) continue;
    const prod = get(db, 'production');
    const v = scalar(prod)?.toLowerCase();
    if (v === 'true') continue;
    if (prod && v !== 'false') continue;
    const name = scalar(get(db, 'name')) ?? 'db';
    const line = prod ? prod.line : db.line;
    out.push({ check: ID, file, line, message: `database \`${name}\` is a development database (\`production: ${v ?? 'false'}\`${prod ? '' : ', the default'}): App Platform takes no backups of it and gives no point-in-time recovery; one bad migration or deleted row is permanent` });
  }
  return out;
}

function render(file: string, doc: YamlNode): ProjectFinding[] {
  const out: ProjectFinding[] = [];
  for (const db of items(get(doc, 'databases'))) {
    if (db.kind !== 'map') continue;
    const plan = get(db, 'plan');
    if (scalar(plan)?.toLowerCase() !== 'free') continue;
    const name = scalar(get(db, 'name')) ?? 'db';
    out.push({ check: ID, file, line: plan!.line, message: `database \`${name}\` is on Render's free plan: it has no backups and is deleted after its trial period` });
  }
  return out;
}

function compose(file: string, doc: YamlNode): ProjectFinding[] {
  const out: ProjectFinding[] = [];
  const svcs = get(doc, 'services');
  if (svcs?.kind !== 'map') return out;
  const prodFile = /(^|[./_-])(prod|production|live)([./_-]|$)/i.test(path.posix.basename(file));
  for (const [name, svc] of svcs.entries) {
    if (svc.kind !== 'map') continue;
    const image = scalar(get(svc, 'image'));
    if (!image) continue;
    const dataDir = DATA_DIRS.find(([re]) => re.test(image.toLowerCase()))?.[1];
    if (!dataDir) continue;
    // only services meant to stay up: a production compose file, or a restart policy that says so
    const restart = scalar(get(svc, 'restart'))?.toLowerCase();
    if (!prodFile && restart !== 'always' && restart !== 'unless-stopped') continue;
    // any volume may hold the data directory (PGDATA can be moved): only a service with none is judged
    if (get(svc, 'volumes') || get(svc, 'tmpfs')) continue;
    const imageLine = get(svc, 'image')!.line;
    out.push({ check: ID, file, line: imageLine, message: `service \`${name}\` (${image}) keeps its data in the container (no volume for \`${dataDir}\`): recreating the container (an image update, \`docker compose down\`) deletes the database, and there is nothing to back up` });
  }
  return out;
}

export const databaseBackups: ProjectCheck = {
  id: ID,
  title: 'Managed database without backups',
  family: 'performance-operations',
  severity: 'critical',
  docs: `## What it checks
Deployment files that create a database with no backups:
- \`.do/app.yaml\` (DigitalOcean App Platform spec, also \`.do/deploy.template.yaml\`): a
  \`databases\` entry with \`production: false\` or without \`production\` (a development database:
  no daily backups, no point-in-time recovery), unless it names a \`cluster_name\` (an existing
  managed cluster). Redis/Valkey databases are skipped.
- \`render.yaml\`: a \`databases\` entry with \`plan: free\` (no backups, expires).
- \`docker-compose*.yml\`: a PostgreSQL, MySQL/MariaDB or MongoDB service without any volume (nor \`tmpfs\`),
  when the file is named for production or the service has \`restart: always\` / \`unless-stopped\`
  (a compose file for development is not judged).
\`fly.toml\` is not judged: Fly Postgres and its snapshots are configured outside it.
Files are read as YAML data; a file the reader cannot read (flow mappings, several documents) is
skipped. The finding is on the line of \`production:\`, \`plan:\` or \`image:\`.

## Why it matters
Without backups one bad migration, a \`DELETE\` without \`WHERE\` or a provider incident loses
every order and account for good.

## How to fix
App Platform: \`production: true\` (a managed cluster, daily backups and 7-day point-in-time
recovery). Render: a paid plan. Compose: a named volume for the data directory
(\`pgdata:/var/lib/postgresql/data\`) plus a scheduled \`pg_dump\` off the host.

## How to verify
The provider's console lists backups for the database (App Platform: Databases -> Backups); restore one into a scratch database.`,
  run(ctx) {
    const out: ProjectFinding[] = [];
    for (const f of ctx.files) {
      if (/(^|\/)node_modules\//.test(f)) continue;
      const base = path.posix.basename(f);
      const kind = /(^|\/)\.do\/(app|deploy\.template)\.ya?ml$/.test(f) ? 'do' : /^render\.ya?ml$/.test(base) ? 'render' : COMPOSE.test(f) && !DEV_NAME.test(base.replace(/^(docker-)?compose/, '')) ? 'compose' : null;
      if (!kind) continue;
      const text = ctx.read(f);
      if (text === undefined || text.length > 512 * 1024) continue;
      const doc = parseYaml(text);
      if (!doc) continue;
      out.push(...(kind === 'do' ? doApp(f, doc) : kind === 'render' ? render(f, doc) : compose(f, doc)));
    }
    return out;
  },
};

/**
 * What the Python and JS detectors of `webhook-event-dedup` share: the message, the prefilter and
 * the project facts the fix needs (a table of processed events: a Django model with a unique
 * event-id field, or a Prisma model used or declared elsewhere in the project).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JS_MARKERS, PROJECT_TTL_MS, PY_MARKERS, projectFiles, projectRoot } from '../../lang/endpoints/model';

export const MESSAGE =
  'Stripe webhook handler never checks the event id: a retried or replayed delivery of the same event is processed twice';
export const NO_TABLE =
  ' (no fix: the project has no table of processed events the fix can write to; record `event.id` under a unique constraint before acting on the event and skip ids already seen, see the rule docs)';

/** Prefilter: a finding needs the verifying call. */
export const REQUIRES = /construct_event|constructEvent/;

/** Field names that hold the id of a processed webhook event. */
const EVENT_ID_FIELD = /^(?:stripe_?)?(?:webhook_?)?event_?id$|^id$/i;

export interface DjangoEventModel {
  className: string;
  field: string;
  /** `type` / `event_type` field without default: filled with the event's type */
  typeField: string | null;
  /** the models module's file */
  file: string;
  /** dotted module path from the project root (`billing.models`) */
  module: string;
}

const pyCache = new Map<string, { at: number; model: DjangoEventModel | null }>();

/** Text of `name = models.X(...)` calls of a class body, paren-balanced (multi-line fields too). */
function fieldsOf(body: string): Array<{ name: string; kind: string; args: string }> {
  const out: Array<{ name: string; kind: string; args: string }> = [];
  const re = /^[ \t]+(\w+)\s*=\s*(?:models\.)?(\w+Field|ForeignKey|OneToOneField)\(/gm;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < body.length && depth > 0; i++) {
      if (body[i] === '(') depth++;
      else if (body[i] === ')') depth--;
    }
    out.push({ name: m[1], kind: m[2], args: body.slice(m.index + m[0].length, i - 1) });
  }
  return out;
}

/** Django models of one models file that can record processed events. */
export function djangoEventModels(text: string): Array<Omit<DjangoEventModel, 'file' | 'module'>> {
  const out: Array<Omit<DjangoEventModel, 'file' | 'module'>> = [];
  const classRe = /^class\s+(\w+)\s*\(([^)]*)\)\s*:/gm;
  for (const h of text.matchAll(classRe)) {
    if (!/Model\b/.test(h[2])) continue;
    const start = h.index! + h[0].length;
    // the class ends at the next line that starts in column 0
    const nextTop = /\n(?=\S)/.exec(text.slice(start));
    const body = text.slice(start, nextTop ? start + nextTop.index : text.length);
    const fields = fieldsOf(body);
    const unique = (f: { args: string }): boolean => /\b(?:unique|primary_key)\s*=\s*True\b/.test(f.args);
    const idField = fields.find((f) => EVENT_ID_FIELD.test(f.name) && f.name !== 'id' && unique(f) && /Char|Text|Slug/.test(f.kind));
    // a model named for events keyed by its primary key (`id = models.CharField(primary_key=True)`)
    const pk = !idField && /event/i.test(h[1]) ? fields.find((f) => f.name === 'id' && unique(f) && /Char|Text|Slug/.test(f.kind)) : undefined;
    const key = idField ?? pk;
    if (!key) continue;
    let typeField: string | null = null;
    let fillable = true;
    for (const f of fields) {
      if (f === key) continue;
      const optional = /\b(?:default|auto_now|auto_now_add)\s*=|\bnull\s*=\s*True\b/.test(f.args) || /AutoField/.test(f.kind);
      if (optional) continue;
      if (/^(?:event_)?type$/.test(f.name) && /Char|Text/.test(f.kind)) {
        typeField = f.name;
        continue;
      }
      fillable = false; // a required field the fix cannot fill
    }
    if (fillable) out.push({ className: h[1], field: key.name, typeField });
  }
  return out;
}

/** The project's Django model of processed events (a `models.py` or `models/` module), if any. */
export function djangoEventModel(file: string): DjangoEventModel | null {
  if (!path.isAbsolute(file)) return null;
  const root = projectRoot(file, PY_MARKERS);
  const now = Date.now();
  const hit = pyCache.get(root);
  if (hit && now - hit.at < PROJECT_TTL_MS) return hit.model;
  let model: DjangoEventModel | null = null;
  for (const f of projectFiles(root, ['.py'], PY_MARKERS)) {
    const base = path.basename(f);
    if (base !== 'models.py' && path.basename(path.dirname(f)) !== 'models') continue;
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    if (!/event_?id|Event/i.test(text)) continue;
    const found = djangoEventModels(text)[0];
    if (!found) continue;
    const rel = path.relative(root, f).replace(/\.py$/, '').replace(/[\\/]__init__$/, '');
    model = { ...found, file: f, module: rel.split(path.sep).join('.') };
    break;
  }
  if (pyCache.size > 200) pyCache.clear();
  pyCache.set(root, { at: now, model });
  return model;
}

export interface PrismaEventModel {
  /** the client property (`processedEvent`) */
  delegate: string;
  /** the unique field that holds the event id (`eventId`, `id`) */
  field: string;
  /** the client's name where the project uses it (`prisma`, `db`) */
  client: string | null;
}

const jsCache = new Map<string, { at: number; model: PrismaEventModel | null }>();
const DELEGATE = /\b(\w+)\s*\.\s*((?:processed|stripe|webhook)\w*Event|(?:processed)?(?:Webhook|Stripe)?Event(?:Log|Record)?|webhookEvent)\s*\.\s*(?:create|upsert|findUnique|findFirst|createMany)\s*\(\s*\{[^]{0,300}?\b(?:data|where|create)\s*:\s*\{\s*([A-Za-z_]\w*)\s*[:,}]/g;
const SCHEMA_MODEL = /^model\s+((?:Processed|Stripe|Webhook)\w*Event|(?:Processed)?(?:Webhook|Stripe)Event\w*)\s*\{([^}]*)\}/gm;

/** The project's Prisma model of processed webhook events: used elsewhere as `prisma.processedEvent.create(...)`, or declared in schema.prisma. */
export function prismaEventModel(file: string): PrismaEventModel | null {
  if (!path.isAbsolute(file)) return null;
  const root = projectRoot(file, JS_MARKERS);
  const now = Date.now();
  const hit = jsCache.get(root);
  if (hit && now - hit.at < PROJECT_TTL_MS) return hit.model;
  let model: PrismaEventModel | null = null;
  for (const f of projectFiles(root, ['.ts', '.js', '.mjs', '.cjs', '.tsx', '.prisma'], JS_MARKERS)) {
    if (path.resolve(f) === path.resolve(file)) continue;
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    if (!/Event/.test(text)) continue;
    if (f.endsWith('.prisma')) {
      for (const m of text.matchAll(SCHEMA_MODEL)) {
        // a unique event-id field, else the model's own `id`
        const lines = m[2].split('\n');
        const re = /^\s*(\w+)\s+String\b[^\n]*@(?:unique|id)\b/;
        const field = lines.filter((l) => /event_?id/i.test(l)).map((l) => re.exec(l)).find(Boolean) ?? lines.filter((l) => /^\s*id\s/.test(l)).map((l) => re.exec(l)).find(Boolean);
        if (field) {
          model = { delegate: m[1][0].toLowerCase() + m[1].slice(1), field: field[1], client: null };
          break;
        }
      }
    } else {
      DELEGATE.lastIndex = 0;
      const m = DELEGATE.exec(text);
      if (m && /^(?:(?:stripe_?)?(?:webhook_?)?event_?id|id)$/i.test(m[3])) model = { delegate: m[2], field: m[3], client: m[1] };
    }
    if (model) break;
  }
  if (jsCache.size > 200) jsCache.clear();
  jsCache.set(root, { at: now, model });
  return model;
}

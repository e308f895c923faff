/**
 * The workspace's Django model relations, project-wide: every `models.py` (and `models/` package
 * module) of the project the file belongs to, read once per file version (FactsIndex: files with
 * no relation field are never parsed) and merged into one index per project, kept a few seconds
 * like the other project facts (lang/endpoints/model.ts).
 *
 *   forward    `author = models.ForeignKey(Author, ...)` / `OneToOneField` (single),
 *              `tags = models.ManyToManyField(Tag)` (many)
 *   reverse    `related_name="pages"`, else `<model>_set` (ForeignKey, ManyToManyField; many),
 *              `<model>` (OneToOneField; single); `related_name="+"` declares none
 * Fields of abstract or concrete project base classes are inherited (by class name).
 */
import * as path from 'node:path';
import type { Node } from './tree';
import { parsePythonTree } from './parser';
import { callArgs, stringValue } from './ast';
import { fresh } from '../snapshot';
import { FactsIndex, PROJECT_TTL_MS, PY_MARKERS, projectFiles, projectRoot } from '../endpoints/model';
import { sharedFacts } from '../shared-cost';

export interface Relation {
  /** the accessor on the model: `author`, `pages`, `page_set` */
  name: string;
  /** many: a related manager (`.all()`, `.count()`); single: one related object */
  many: boolean;
  /** the model the accessor leads to */
  target: string;
  /** declared on this model (forward) or on the target (reverse) */
  reverse: boolean;
}

interface DeclaredField {
  cls: string;
  name: string;
  kind: 'fk' | 'o2o' | 'm2m';
  target: string;
  relatedName: string | null;
  appLabel: string;
}

interface ModelFileFacts {
  classes: Array<{ name: string; bases: string[] }>;
  fields: DeclaredField[];
}

export interface ModelIndex {
  /** relations by model class name, then accessor */
  models: Map<string, Map<string, Relation>>;
}

const RELATION_FIELD = /(?:^|\.)(ForeignKey|OneToOneField|ManyToManyField|ParentalKey|ParentalManyToManyField|TreeForeignKey|TreeManyToManyField)$/;
const WANTS = /ForeignKey|OneToOneField|ManyToManyField|ParentalKey/;

const facts = new FactsIndex<ModelFileFacts>(WANTS, (file, text) => readModelFile(file, text));

function isModelsModule(file: string): boolean {
  const base = path.basename(file);
  if (base.slice(0, -3).includes('.')) return false; // `models.fixed.py` is no module
  return base === 'models.py' || path.basename(path.dirname(file)) === 'models';
}

function appLabelOf(file: string): string {
  const dir = path.dirname(file);
  return path.basename(path.basename(file) === 'models.py' ? dir : path.dirname(dir));
}

function targetName(n: Node | null | undefined, cls: string): string | null {
  if (!n) return null;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text ?? null;
  const s = stringValue(n);
  if (s === null) return null;
  if (s === 'self') return cls;
  return s.split('.').pop() || null;
}

function readModelFile(file: string, text: string, parsed?: Node): ModelFileFacts | null {
  if (!parsed && !isModelsModule(file)) return null;
  const root = parsed ?? parsePythonTree(text);
  const out: ModelFileFacts = { classes: [], fields: [] };
  const appLabel = appLabelOf(file);
  for (const st of root.namedChildren) {
    const c = st?.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (c?.type !== 'class_definition') continue;
    const name = c.childForFieldName('name')?.text;
    if (!name) continue;
    const bases = (c.childForFieldName('superclasses')?.namedChildren ?? []).map((b) => (b.type === 'attribute' ? b.childForFieldName('attribute')?.text ?? '' : b.text));
    out.classes.push({ name, bases });
    for (const s of c.childForFieldName('body')?.namedChildren ?? []) {
      if (s?.type !== 'expression_statement') continue;
      const a = s.namedChildren[0];
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
      const right = a?.childForFieldName('right');
      if (left?.type !== 'identifier' || right?.type !== 'call') continue;
      const m = RELATION_FIELD.exec(right.childForFieldName('function')?.text ?? '');
      if (!m) continue;
      const args = callArgs(right);
      let to: Node | null = null;
      let related: string | null = null;
      for (const arg of args) {
        if (arg.type === 'keyword_argument') {
          const k = arg.childForFieldName('name')?.text;
          if (k === 'to') to = arg.childForFieldName('value');
          if (k === 'related_name') related = stringValue(arg.childForFieldName('value')) ?? '+'; // not a literal: unknown, no reverse accessor
        } else if (!to) to = arg;
      }
      const target = targetName(to, name);
      if (!target) continue;
      const kind = /Many/.test(m[1]) ? 'm2m' : m[1] === 'OneToOneField' ? 'o2o' : 'fk';
      out.fields.push({ cls: name, name: left.text, kind, target, relatedName: related, appLabel });
    }
  }
  return out.fields.length ? out : null;
}

const projects = new Map<string, { at: number; value: ModelIndex }>();

const ownIndex = new WeakMap<Node, ModelIndex | null>();

/**
 * The model relations the file can use: its project's models modules, and the models the file
 * itself declares when it is no models module (a one-file app, an unsaved buffer).
 */
export function modelsFor(file: string, text: string, root: Node): ModelIndex | null {
  const project = projectModels(file);
  if (isModelsModule(file) && project) return project;
  if (!WANTS.test(text)) return project;
  let own = ownIndex.get(root);
  if (own === undefined) {
    const f = readModelFile(file, text, root);
    own = f ? buildIndex([f]) : null;
    ownIndex.set(root, own);
  }
  if (!own) return project;
  if (!project) return own;
  const models = new Map(project.models);
  for (const [name, rels] of own.models) models.set(name, new Map([...(project.models.get(name) ?? []), ...rels]));
  return { models };
}

/** The model relations of the project the file belongs to (null for an unsaved, pathless file). */
export function projectModels(file: string): ModelIndex | null {
  if (!path.isAbsolute(file)) return null;
  const root = projectRoot(file, PY_MARKERS);
  const now = Date.now();
  const hit = projects.get(root);
  if (hit && fresh(hit.at, PROJECT_TTL_MS, now)) return hit.value;
  return sharedFacts(() => {
    const value = buildIndex(facts.all(projectFiles(root, ['.py'], PY_MARKERS).filter(isModelsModule)).map((x) => x.facts));
    if (projects.size > 200) projects.clear();
    projects.set(root, { at: now, value });
    return value;
  });
}

function buildIndex(all: ModelFileFacts[]): ModelIndex {
  const models = new Map<string, Map<string, Relation>>();
  const add = (model: string, r: Relation): void => {
    let m = models.get(model);
    if (!m) models.set(model, (m = new Map()));
    if (!m.has(r.name)) m.set(r.name, r);
  };
  const declared = new Map<string, DeclaredField[]>();
  const bases = new Map<string, string[]>();
  for (const f of all) {
    for (const c of f.classes) bases.set(c.name, c.bases);
    for (const d of f.fields) {
      const list = declared.get(d.cls);
      if (list) list.push(d);
      else declared.set(d.cls, [d]);
    }
  }
  // classes without relation fields of their own but with a project base that has some
  const classes = new Set<string>([...declared.keys()]);
  for (const [name] of bases) classes.add(name);
  const fieldsOf = (cls: string, seen: Set<string>): DeclaredField[] => {
    if (seen.has(cls)) return [];
    seen.add(cls);
    const own = declared.get(cls) ?? [];
    const inherited = (bases.get(cls) ?? []).flatMap((b) => fieldsOf(b, seen));
    return [...own, ...inherited];
  };
  for (const cls of classes) {
    for (const d of fieldsOf(cls, new Set())) {
      const target = d.target === d.cls ? cls : d.target;
      add(cls, { name: d.name, many: d.kind === 'm2m', target, reverse: false });
      if (d.relatedName !== null && d.relatedName.endsWith('+')) continue;
      const lower = cls.toLowerCase();
      const rname = d.relatedName !== null ? d.relatedName.replace(/%\(class\)s/g, lower).replace(/%\(app_label\)s/g, d.appLabel.toLowerCase()) : d.kind === 'o2o' ? lower : `${lower}_set`;
      // an abstract base's own reverse accessor would clash in Django unless `%(class)s` is used
      if (cls !== d.cls && d.relatedName !== null && !d.relatedName.includes('%(')) continue;
      add(target, { name: rname, many: d.kind !== 'o2o', target: cls, reverse: true });
    }
  }
  return { models };
}

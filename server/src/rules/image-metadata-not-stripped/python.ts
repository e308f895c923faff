/**
 * image-metadata-not-stripped, Python: an uploaded image stored as received, EXIF included.
 *
 * Uploads: Flask / Quart `request.files[...]` / `.get(...)` / `.getlist(...)` (the imported
 * `request`), Django / DRF `request.FILES` / `request.data` (a view's `request`, `self.request`),
 * followed through local assignments and `for` loops. Stores: a Flask upload's `.save(...)`; a
 * Django upload passed to `storage.save(name, f)` / `instance.field.save(name, f)`, to a model's
 * `create(field=f)` / constructor, assigned to `instance.field`, or written out chunk by chunk.
 * An image: the upload's key or the field it is stored in is named like one (avatar, photo,
 * image...) or the function checks an image type (`image/...`, `.jpg`...).
 * Not flagged: functions that already touch EXIF or re-encode through Pillow (`Image.open`,
 * `ImageOps`, `piexif`, `exif`, a `strip_*metadata` helper), test code.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { positionalArgs } from '../../lang/python/ast';
import { descendantsNoNested, enclosingFunction } from '../../lang/python/django';
import { parameterNames } from '../../lang/python/ast';
import { isPythonTestCode } from '../../lang/scope';
import { stripMetadataFix, type UploadKind } from '../../../../codemods/python/image-metadata-not-stripped';

const IMAGE_NAME = /avatar|image|img|photo|picture|\bpic\b|thumbnail|headshot|portrait|selfie|logo|banner|snapshot/i;
const IMAGE_TYPE = /["']image\/|["']?\.?(?:jpe?g|png|webp|heic|heif|tiff?)["']|validate_image_file_extension|imghdr/i;
/** Code that already deals with the metadata (or re-encodes the image). */
const STRIPPED = /exif|piexif|ImageOps|Image\.open\(|strip_\w*metadata|remove_\w*metadata|metadata_strip|scrub_\w*|reencode|re_encode/i;

interface Upload {
  kind: UploadKind;
  /** The request key (`"avatar"`) when literal. */
  key: string | null;
}

function literalKey(n: Node | null | undefined): string | null {
  if (!n || n.type !== 'string') return null;
  return n.text.replace(/^[a-zA-Z]*["']+|["']+$/g, '');
}

/** The request object of a Django view (its `request` parameter, `self.request`) or Flask's imported `request`. */
function requestKind(e: Node, fn: Node, ctx: PyContext): UploadKind | null {
  if (e.type === 'attribute') return e.text === 'self.request' ? 'django' : null;
  if (e.type !== 'identifier') return null;
  for (let f: Node | null = fn; f; f = enclosingFunction(f)) {
    const params = parameterNames(f);
    if (params.includes(e.text)) return (e.text === 'request' || e.text === 'req') && params.indexOf(e.text) <= 1 ? 'django' : null;
  }
  const imp = ctx.bindings.imports.get(e.text);
  return imp === 'flask.request' || imp === 'quart.request' ? 'flask' : null;
}

/** `request.FILES` / `request.files` / `request.data`: the upload collection, and whose. */
function filesCollection(e: Node | null | undefined, fn: Node, ctx: PyContext): UploadKind | null {
  if (e?.type !== 'attribute') return null;
  const attr = e.childForFieldName('attribute')?.text;
  const kind = requestKind(e.childForFieldName('object')!, fn, ctx);
  if (!kind) return null;
  if (kind === 'flask') return attr === 'files' ? 'flask' : null;
  return attr === 'FILES' || attr === 'data' ? 'django' : null;
}

/** Is `e` an uploaded file: `request.files["x"]`, `.get("x")`, a name bound to one, a loop over `.getlist("x")`? */
function uploadOf(e: Node | null | undefined, fn: Node, ctx: PyContext, depth = 0): Upload | null {
  if (!e || depth > 4) return null;
  if (e.type === 'subscript') {
    const kind = filesCollection(e.childForFieldName('value'), fn, ctx);
    return kind ? { kind, key: literalKey(e.childForFieldName('subscript')) } : null;
  }
  if (e.type === 'call') {
    const f = e.childForFieldName('function');
    if (f?.type !== 'attribute' || !/^(?:get|getlist|pop)$/.test(f.childForFieldName('attribute')?.text ?? '')) return null;
    const kind = filesCollection(f.childForFieldName('object'), fn, ctx);
    return kind ? { kind, key: literalKey(positionalArgs(e)[0]) } : null;
  }
  if (e.type !== 'identifier') return null;
  const body = fn.childForFieldName('body');
  if (!body) return null;
  // the last binding of the name before the use decides (a re-encoded value is no longer the upload)
  let last: Node | null = null;
  let loop = false;
  for (const n of descendantsNoNested(body, (c) => c.type === 'assignment' || c.type === 'for_statement')) {
    if (n.startIndex >= e.startIndex) break;
    const left = n.childForFieldName('left');
    if (left?.type !== 'identifier' || left.text !== e.text) continue;
    if (n.type === 'for_statement' && n.endIndex < e.startIndex) continue;
    last = n.childForFieldName('right');
    loop = n.type === 'for_statement';
  }
  if (!last) return null;
  if (loop) {
    // for f in request.FILES.getlist("photos") / request.files.getlist(...) / request.FILES.values()
    if (last.type !== 'call') return null;
    const f = last.childForFieldName('function');
    if (f?.type !== 'attribute' || !/^(?:getlist|values)$/.test(f.childForFieldName('attribute')?.text ?? '')) return null;
    const kind = filesCollection(f.childForFieldName('object'), fn, ctx);
    return kind ? { kind, key: literalKey(positionalArgs(last)[0]) } : null;
  }
  return uploadOf(last, fn, ctx, depth + 1);
}

/** The module-level assignments (`ALLOWED = {"image/png", ...}`) whose name the function uses. */
function moduleConstantsUsed(root: Node, fnText: string): string[] {
  const out: string[] = [];
  for (const st of root.namedChildren) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : null;
    const name = a?.type === 'assignment' ? a.childForFieldName('left') : null;
    if (name?.type === 'identifier' && /^[A-Z_][A-Z0-9_]*$/.test(name.text) && new RegExp(`\\b${name.text}\\b`).test(fnText)) out.push(a!.text);
  }
  return out;
}

/** The module-level statement holding `n`. */
function topStatement(n: Node): Node {
  let cur = n;
  while (cur.parent && cur.parent.type !== 'module') cur = cur.parent;
  return cur;
}

/** Where `call` stores an upload: the upload expression and the name of what holds it. */
function storedUpload(call: Node): Array<{ value: Node; target: string }> {
  const f = call.childForFieldName('function');
  if (!f) return [];
  const args = positionalArgs(call);
  if (f.type === 'attribute') {
    const method = f.childForFieldName('attribute')?.text ?? '';
    const obj = f.childForFieldName('object')!;
    // f.save(path) (Flask) / storage.save(name, f) / instance.avatar.save(name, f)
    if (method === 'save') {
      const out = [];
      if (args.length >= 1) out.push({ value: obj, target: '' });
      if (args.length >= 2) out.push({ value: args[1], target: obj.text });
      return out;
    }
    // for chunk in f.chunks(): out.write(chunk)
    if (method === 'chunks' && call.parent?.type === 'for_statement') return [{ value: obj, target: '' }];
    if (!/^(?:create|acreate)$/.test(method)) return [];
  } else if (f.type !== 'identifier' || !/^[A-Z]/.test(f.text)) {
    return [];
  }
  // Model.objects.create(avatar=f) / Photo(image=f)
  const out = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (a.type !== 'keyword_argument') continue;
    const v = a.childForFieldName('value');
    if (v) out.push({ value: v, target: a.childForFieldName('name')?.text ?? '' });
  }
  return out;
}

const UPLOADS = /\.(?:FILES|files)\b|request\.data\b/;
/** Does the function read uploads at all? (Once per function: most calls of a file are in functions that do not.) */
const readsUploads = new WeakMap<Node, boolean>();

function check(ctx: PyContext, site: Node, value: Node, target: string) {
  if (!['identifier', 'subscript', 'call'].includes(value.type)) return;
  const fn = enclosingFunction(site);
  if (!fn) return;
  let reads = readsUploads.get(fn);
  if (reads === undefined) readsUploads.set(fn, (reads = UPLOADS.test(fn.text)));
  if (!reads) return;
  const up = uploadOf(value, fn, ctx);
  if (!up) return;
  // the Flask shape is `upload.save(path)`: a Django upload has no `.save`
  if (up.kind === 'flask' && target !== '' ) return;
  if (up.kind === 'django' && site.type === 'call' && target === '' && site.childForFieldName('function')?.childForFieldName('attribute')?.text === 'save') return;
  const fnText = fn.text;
  if (STRIPPED.test(fnText)) return;
  const named = IMAGE_NAME.test(up.key ?? '') || IMAGE_NAME.test(target.split('.').pop() ?? '') || (value.type === 'identifier' && IMAGE_NAME.test(value.text));
  if (!named && !IMAGE_TYPE.test(fnText) && !moduleConstantsUsed(ctx.root, fnText).some((c) => IMAGE_TYPE.test(c))) return;
  if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
  ctx.report({
    node: site,
    message: 'An uploaded image is stored with its EXIF metadata (GPS position, camera serial): re-encode it without the metadata first',
    fixes: () => [stripMetadataFix(ctx.file.text, ctx.root, value, topStatement(fn), up.kind, ctx.file.path)],
  });
}

export const python: PyDetector = {
  nodeTypes: ['call', 'assignment'],
  requires: UPLOADS,
  visit(node: Node, ctx: PyContext) {
    if (node.type === 'assignment') {
      // instance.avatar = request.FILES["avatar"]
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type !== 'attribute' || !right || !IMAGE_NAME.test(left.childForFieldName('attribute')?.text ?? '')) return;
      check(ctx, node, right, left.text);
      return;
    }
    const f = node.childForFieldName('function');
    const last = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.type === 'identifier' ? f.text : null;
    if (!last || !/^(?:save|chunks|create|acreate|[A-Z]\w*)$/.test(last)) return;
    for (const s of storedUpload(node)) check(ctx, node, s.value, s.target);
  },
};

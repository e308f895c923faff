/**
 * Codemod: re-encode an uploaded image through Pillow before it is stored, so its EXIF data
 * (GPS position, camera serial) is not kept. Wraps the stored upload in `strip_image_metadata(...)`
 * and adds that helper (once per module) above the function that stores it, with its imports.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { indentUnit } from '../../server/src/lang/python/ast';
import { ensureFromImport, ensureImport } from '../../server/src/lang/python/edits';

export const HELPER = 'strip_image_metadata';

export type UploadKind = 'flask' | 'django';

function helperSource(kind: UploadKind, ind: string): string {
  const open = kind === 'flask' ? 'upload.stream' : 'upload';
  const fail = kind === 'flask'
    ? `${ind}${ind}abort(400, "The upload is not a readable image")`
    : `${ind}${ind}raise BadRequest("The upload is not a readable image") from exc`;
  const made = kind === 'flask'
    ? `${ind}return FileStorage(buffer, filename=upload.filename, name=upload.name, content_type=upload.content_type)`
    : `${ind}return ContentFile(buffer.getvalue(), name=upload.name)`;
  return [
    `def ${HELPER}(upload):`,
    `${ind}"""The uploaded image re-encoded by Pillow without its EXIF data (GPS position, camera serial)."""`,
    `${ind}buffer = io.BytesIO()`,
    `${ind}try:`,
    ...(kind === 'django' ? [`${ind}${ind}upload.seek(0)`] : []),
    `${ind}${ind}with Image.open(${open}) as image:`,
    `${ind}${ind}${ind}image_format = image.format`,
    `${ind}${ind}${ind}clean = ImageOps.exif_transpose(image)`,
    `${ind}${ind}${ind}clean.info.pop("exif", None)`,
    `${ind}${ind}${ind}clean.info.pop("xmp", None)`,
    `${ind}${ind}${ind}clean.save(buffer, format=image_format, exif=b"")`,
    `${ind}except (OSError, ValueError, Image.DecompressionBombError)${kind === 'django' ? ' as exc' : ''}:`,
    fail,
    `${ind}buffer.seek(0)`,
    made,
  ].join('\n');
}

/** Does the module already define the helper? */
export function hasHelper(root: Node): boolean {
  return root.namedChildren.some((s) => s.type === 'function_definition' && s.childForFieldName('name')?.text === HELPER);
}

/**
 * `value` (the upload expression) becomes `strip_image_metadata(value)`; `top` is the module-level
 * statement holding the store, above which the helper goes when the module has none.
 */
export function stripMetadataFix(text: string, root: Node, value: Node, top: Node, kind: UploadKind, filePath?: string): Fix {
  const edits: TextEdit[] = [
    { start: value.startIndex, end: value.startIndex, newText: `${HELPER}(` },
    { start: value.endIndex, end: value.endIndex, newText: ')' },
  ];
  if (!hasHelper(root)) {
    const nl = text.includes('\r\n') ? '\r\n' : '\n';
    const src = helperSource(kind, indentUnit(text)).replace(/\n/g, nl);
    const pil = ensureFromImport(text, root, 'PIL', 'Image', filePath);
    let ops = ensureFromImport(text, root, 'PIL', 'ImageOps', filePath);
    // neither imported: one `from PIL import Image, ImageOps` line
    if (pil && ops && pil.start === ops.start && pil.end === pil.start && pil.newText.trim() === 'from PIL import Image' && ops.newText.trim() === 'from PIL import ImageOps') {
      pil.newText = pil.newText.replace('import Image', 'import Image, ImageOps');
      ops = null;
    }
    const imports = [
      ensureImport(text, root, 'io', filePath),
      pil,
      ops,
      ...(kind === 'flask'
        ? [ensureFromImport(text, root, 'flask', 'abort', filePath), ensureFromImport(text, root, 'werkzeug.datastructures', 'FileStorage', filePath)]
        : [ensureFromImport(text, root, 'django.core.exceptions', 'BadRequest', filePath), ensureFromImport(text, root, 'django.core.files.base', 'ContentFile', filePath)]),
      { start: top.startIndex, end: top.startIndex, newText: `${src}${nl}${nl}${nl}` },
    ];
    // several imports inserted at one point: one edit, sorted as isort sorts them (case-insensitively)
    const key = (t: string) => t.trim().replace(/^(?:from|import)\s+/, '').toLowerCase();
    const helper = imports.pop()!;
    const io = imports.shift();
    const sorted = imports.filter((x): x is TextEdit => !!x).sort((a, b) => (key(a.newText) < key(b.newText) ? -1 : 1));
    for (const e of [...(io ? [io] : []), ...sorted, helper]) {
      const same = edits.find((m) => m.start === e.start && m.end === e.end && m.start === m.end);
      if (same) same.newText += e.newText;
      else edits.push({ ...e });
    }
  }
  return { title: 'Re-encode the image without its EXIF data (`strip_image_metadata`)', applicability: 'unsafe', edits };
}

/**
 * Parsing a Python module by pieces of top-level statements (lang/python/chunks.ts): where the
 * cuts fall, and that the joined trees of the pieces are the tree of the whole module for every
 * valid module of the fixtures and examples, with a cut before every top-level statement.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pythonFiles, ready, ROOT } from '../harness';
import { pythonPieces, topLevelChunks } from '../../server/src/lang/python/chunks';
import { assemblePieces, parsePiece, parsePython, pythonCursorExports } from '../../server/src/lang/python/parser';
import { copyTree, nextNodeId, type Node } from '../../server/src/lang/python/tree';

/** Each node's type, range, flags and field, in document order. */
function shape(root: Node): string[] {
  const out: string[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const field = n.parent ? n.parent.fieldNameForChild(n.parent.children.indexOf(n)) : null;
    out.push(`${n.type} ${n.startIndex}-${n.endIndex} ${n.isMissing} ${n.hasError} ${field}`);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** The module from its pieces, cut as finely as the rules allow (every statement, top level and in definition bodies). */
function byPieces(text: string): { root: Node; cuts: number; bodies: number } {
  const pieces = pythonPieces(text, 1, 1);
  const roots = pieces.map((p, k) => parsePiece(text, p.start, p.end, k ? nextNodeId() : 1, p.body));
  return { root: pieces.length === 1 ? roots[0] : assemblePieces(text, pieces, roots), cuts: pieces.length - 1, bodies: pieces.filter((p) => p.body).length };
}

function whole(text: string): Node {
  const tree = parsePython(text);
  try {
    return copyTree(tree, text, pythonCursorExports());
  } finally {
    tree.delete();
  }
}

/** The texts the pieces of `text` start with (every top-level statement a piece). */
function cuts(text: string): string[] {
  return topLevelChunks(text, 1).map((s) => text.slice(s, s + 12));
}

describe('Python pieces (lang/python/chunks.ts)', () => {
  before(ready);

  it('cuts before top-level statements only', () => {
    const text = [
      'import os',
      '@decorator(',
      '    arg)',
      '@other',
      'def f(x=(',
      'def_y)):',
      '    """doc',
      'def not_a_statement():',
      '"""',
      '    return x',
      '# a comment at column 0',
      'if x:',
      '    pass',
      'elif y:',
      '    pass',
      'else:',
      '    pass',
      'try:',
      '    pass',
      'except* ValueError:',
      '    pass',
      'finally:',
      '    pass',
      'total = 1 + \\',
      '2',
      "s = 'unterminated",
      'class C:',
      '    pass',
      '',
    ].join('\n');
    assert.deepEqual(cuts(text), ['import os\n@d', '@decorator(\n', 'if x:\n    pa', 'try:\n    pas', 'total = 1 + ', "s = 'untermi", 'class C:\n   ']);
  });

  it('a def or class at column 0 ends a bracket left open (a closing line commented out while typing)', () => {
    const text = 'x = foo(\n    1,\n#)\ndef f():\n    pass\nclass C:\n    pass\n';
    assert.deepEqual(cuts(text), ['x = foo(\n   ', 'def f():\n   ', 'class C:\n   ']);
  });

  it('cuts a long definition inside its body, before statements at the body\'s indentation', () => {
    const text = ['import os', '', '', '@dataclass', 'class C(', '    Base,', '):', '    x = 1', '', '    @property', '    def f(self):', '        return (', '    1)', '# a comment at column 0', '    def g(self):', '        if x:', '            pass', '        else:', '            pass', '', '    y = 2', '# after the class', ''].join('\n');
    const pieces = pythonPieces(text, 1, 1);
    assert.deepEqual(
      pieces.map((p) => [p.body, text.slice(p.start, p.start + 12)]),
      [
        [null, 'import os\n\n\n'],
        [null, '@dataclass\nc'],
        ['class', '    @propert'],
        // not before `def g`: a comment at column 0 stands between it and `f`
        ['class', '    y = 2\n# '],
      ],
    );
    const first = pythonPieces(text, 1, 10_000);
    assert.equal(first.length, 2, 'a definition shorter than the body length stays whole');
  });

  it('keeps statements together up to the minimum piece length', () => {
    const text = Array.from({ length: 200 }, (_, i) => `x${i} = ${i}`).join('\n');
    const starts = topLevelChunks(text, 100);
    assert.ok(starts.length > 5 && starts.length < 40, `${starts.length} pieces`);
    for (let k = 1; k < starts.length; k++) assert.ok(starts[k] - starts[k - 1] >= 100);
  });

  it('the joined trees of the pieces are the tree of the whole module (fixtures and examples)', () => {
    const files = [...pythonFiles(path.join(ROOT, 'test', 'rules')), ...pythonFiles(path.join(ROOT, 'examples'))];
    assert.ok(files.length > 300, `${files.length} modules`);
    let compared = 0;
    let cutsMade = 0;
    let bodyPieces = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const w = whole(text);
      if (w.hasError) continue;
      const p = byPieces(text);
      cutsMade += p.cuts;
      bodyPieces += p.bodies;
      assert.deepEqual(shape(p.root), shape(w), path.relative(ROOT, f));
      compared++;
    }
    assert.ok(compared > 300 && cutsMade > 3000 && bodyPieces > 1000, `${compared} modules, ${cutsMade} cuts, ${bodyPieces} in bodies`);
  });
});

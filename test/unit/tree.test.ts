/**
 * The Python tree copy: the walk on the WebAssembly module's cursor functions
 * gives the same nodes as the walk through web-tree-sitter's TreeCursor (types,
 * ranges, named / missing / error flags, field names, ids, parents), on real
 * files and on broken input.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pythonFiles, ready, ROOT, rng } from '../harness';
import { parsePython, pythonCursorExports } from '../../server/src/lang/python/parser';
import { copyTree, type Node } from '../../server/src/lang/python/tree';

function flatten(root: Node): string[] {
  const out: string[] = [];
  const stack: Array<{ n: Node; field: string | null }> = [{ n: root, field: null }];
  while (stack.length) {
    const { n, field } = stack.pop()!;
    out.push(`${n.id} ${n.type} ${n.startIndex}-${n.endIndex} ${field ?? '-'} named=${n.isNamed} missing=${n.isMissing} error=${n.hasError} parent=${n.parent?.id ?? '-'} kids=${n.childCount}`);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i], field: n.fieldNameForChild(i) });
  }
  return out;
}

function bothWays(text: string): { direct: string[]; cursor: string[] } {
  const tree = parsePython(text);
  try {
    return { direct: flatten(copyTree(tree, text, pythonCursorExports())), cursor: flatten(copyTree(tree, text, null)) };
  } finally {
    tree.delete();
  }
}

describe('python tree copy', () => {
  before(ready);

  it('has the module cursor functions of the bundled web-tree-sitter', () => {
    assert.ok(pythonCursorExports(), 'the fast copy is in use');
  });

  it('copies the rule fixtures and examples the same way as TreeCursor does', () => {
    const files = [...pythonFiles(path.join(ROOT, 'test', 'rules')), ...pythonFiles(path.join(ROOT, 'examples'))];
    assert.ok(files.length > 50);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const { direct, cursor } = bothWays(text);
      assert.deepEqual(direct, cursor, f);
    }
  });

  it('copies broken input (ERROR and MISSING nodes, cut-off text, non-ASCII) the same way', () => {
    const samples = ['def f(:\n  return', 'x = (1, 2', 'if x\n    y = 1\n', 'class A(B:\n    pass', 'print("é😀"', '', '\n\n', 'a = [1, 2,, 3]', 'def g():\n\treturn {1: }'];
    const fixtures = path.join(ROOT, 'test', 'rules', 'request-without-timeout');
    const base = fs.readFileSync(path.join(fixtures, fs.readdirSync(fixtures).find((f) => f.endsWith('.py'))!), 'utf8');
    const rand = rng(8);
    for (let i = 0; i < 40; i++) {
      const a = Math.floor(rand() * base.length);
      const b = Math.min(base.length, a + Math.floor(rand() * 40));
      samples.push(base.slice(0, a) + base.slice(b));
    }
    let withErrors = 0;
    for (const text of samples) {
      const { direct, cursor } = bothWays(text);
      assert.deepEqual(direct, cursor, JSON.stringify(text.slice(0, 80)));
      if (direct[0]?.includes('error=true')) withErrors++;
    }
    assert.ok(withErrors > 5, 'the samples do exercise error trees');
  });
});

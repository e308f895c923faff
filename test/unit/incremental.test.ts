/**
 * Incremental parsing (lang/incremental.ts): after random edits, the tree brought up to date
 * from the previous one gives exactly the findings (and, for Python, the nodes) of a fresh
 * parse of the same text; and the language server's content changes become the right offsets.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ready, ROOT, rng } from '../harness';
import { lint } from '../../server/src/engine/lint';
import { makeSourceFile } from '../../server/src/engine/files';
import { RULES } from '../../server/src/rules';
import { parsePythonTree } from '../../server/src/lang/python/parser';
import type { Node } from '../../server/src/lang/python/tree';
import { DocumentTrees, applyChanges, diffChange, type TextChange } from '../../server/src/lang/incremental';
import { applyContentChanges } from '../../server/src/lsp/documents';

/** The invalid fixtures of every rule for one extension, joined into one file with many findings. */
function corpus(ext: string): string {
  const dir = path.join(ROOT, 'test', 'rules');
  const parts: string[] = [];
  for (const rule of fs.readdirSync(dir).sort()) {
    const d = path.join(dir, rule);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d).sort()) {
      if (f.startsWith('invalid-') && f.endsWith(ext) && !f.includes('.fixed') && !f.includes('.unsafe-fixed')) parts.push(fs.readFileSync(path.join(d, f), 'utf8'));
    }
  }
  // enough for findings of many rules, small enough to lint a few hundred times
  return parts.slice(0, 40).join('\n\n');
}

const SNIPPETS = ['#', ' ', '\n', '    ', 'x', '(', ')', ':', '"', "'", '{', '}', ';', 'def f():\n    pass\n', 'await ', '\u00e9', '\ud83d\ude00', '\r\n', ''];

/** A random edit of `text`: an insertion, a deletion or a replacement near a random place. */
function randomChange(text: string, next: () => number): TextChange {
  const at = Math.floor(next() * (text.length + 1));
  const del = next() < 0.4 ? Math.floor(next() * 12) : 0;
  const end = Math.min(text.length, at + del);
  return { start: at, end, text: next() < 0.2 && del ? '' : SNIPPETS[Math.floor(next() * SNIPPETS.length)] };
}

/** One to three random edits, as typing between two debounced lints: the edits and the text after them. */
function typing(text: string, next: () => number): { text: string; changes: TextChange[] } {
  const changes: TextChange[] = [];
  const n = 1 + Math.floor(next() * 3);
  for (let k = 0; k < n; k++) {
    const c = randomChange(text, next);
    changes.push(c);
    text = applyChanges(text, [c]);
  }
  return { text, changes };
}

function findingsOf(filePath: string, text: string, trees?: DocumentTrees): string[] {
  const res = lint(makeSourceFile(filePath, text), {
    rules: RULES,
    computeFixes: false,
    trees: trees ? { text, python: () => trees.python(), js: () => trees.js() } : undefined,
  });
  return res.findings.map((f) => `${f.ruleId} ${f.start}-${f.end} ${f.message}`).sort();
}

function nodes(root: Node): string[] {
  const out: string[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(`${n.type} ${n.startIndex}-${n.endIndex} ${n.isMissing} ${n.hasError}`);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/**
 * What rules rely on beyond types and ranges, in a tree whose nodes the document kept from
 * earlier trees: each child's parent, each node's text from the current text, named children
 * and fields in step with the children, and ids unique in the tree.
 */
function checkTree(root: Node, text: string): void {
  const ids = new Set<number>();
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    assert.ok(!ids.has(n.id), `id ${n.id} twice`);
    ids.add(n.id);
    assert.equal(n.text, text.slice(n.startIndex, n.endIndex));
    assert.deepEqual(n.namedChildren, n.children.filter((c) => c.isNamed));
    n.children.forEach((c, i) => {
      assert.equal(c.parent, n, `parent of ${c} in ${n}`);
      const field = n.fieldNameForChild(i);
      if (field) assert.ok(n.childrenForFieldName(field).includes(c));
      stack.push(c);
    });
  }
}

describe('incremental parsing', () => {
  before(ready);

  it('diffChange and applyChanges agree', () => {
    const next = rng(7);
    let text = 'hello world\nsecond line\n';
    for (let i = 0; i < 200; i++) {
      const c = randomChange(text, next);
      const after = applyChanges(text, [c]);
      const d = diffChange(text, after);
      assert.equal(d ? applyChanges(text, [d]) : text, after);
      text = after;
    }
  });

  for (const [lang, ext, file] of [
    ['Python', '.py', 'app/views.py'],
    // the same fixtures as the body of one class: the pieces are cut inside its body too
    ['Python, one long class', '.py', 'app/models.py'],
    ['TypeScript', '.ts', 'src/service.ts'],
  ] as const) {
    it(`${lang}: findings after random edits equal those of a fresh parse`, () => {
      const joined = corpus(ext);
      const base = lang.includes('class') ? `class Wrapper:\n${joined.replace(/^(?=.)/gm, '    ')}` : joined;
      assert.ok(base.length > 2000, 'fixtures found');
      assert.ok(findingsOf(file, base).length > 5, 'the joined fixtures have findings');
      const next = rng(lang.length * 31);
      const trees = new DocumentTrees(file, ext === '.py' ? 'python' : 'typescript');
      let text = base;
      trees.update(text);
      assert.deepEqual(findingsOf(file, text, trees), findingsOf(file, text));
      for (let step = 0; step < 40; step++) {
        const typed = typing(text, next);
        const changes = typed.changes;
        text = typed.text;
        // every fifth step without the edits: they are taken from the texts
        trees.update(text, step % 5 === 4 ? undefined : changes);
        const fresh = findingsOf(file, text);
        assert.deepEqual(findingsOf(file, text, trees), fresh, `step ${step}`);
        if (ext === '.py') {
          const tree = trees.python();
          assert.deepEqual(nodes(tree), nodes(parsePythonTree(text)), `tree at step ${step}`);
          checkTree(tree, text);
        }
      }
      if (ext === '.py') {
        // pieces: most lints reparse one piece from its tree and take every other piece as it was
        assert.ok(trees.stats.incremental >= 25, `incremental parses: ${JSON.stringify(trees.stats)}`);
        assert.ok(trees.stats.reused > trees.stats.full + trees.stats.incremental, `pieces reused: ${JSON.stringify(trees.stats)}`);
      } else {
        assert.ok(trees.stats.incremental >= 35, `incremental parses: ${JSON.stringify(trees.stats)}`);
        assert.equal(trees.stats.full, 1);
      }
      trees.dispose();
    });
  }

  it('Python: the tree after each of many random edits (broken input included) is a fresh parse\'s, its nodes in place', () => {
    // more seeds and steps than above, trees only: an edit that leaves an ERROR node where the
    // last tree had one of the same length must not take that node twice
    const base = corpus('.py');
    let compared = 0;
    for (const seed of [102, 7, 31]) {
      const next = rng(seed);
      const trees = new DocumentTrees('app/views.py', 'python');
      let text = base;
      trees.update(text);
      trees.python();
      for (let step = 0; step < 60; step++) {
        const typed = typing(text, next);
        text = typed.text;
        trees.update(text, typed.changes);
        const tree = trees.python();
        checkTree(tree, text);
        assert.deepEqual(nodes(tree), nodes(parsePythonTree(text)), `seed ${seed}, step ${step}`);
        compared++;
      }
      trees.dispose();
    }
    assert.equal(compared, 180);
  });

  it('Python, one long statement: an edit re-copies only the nodes it reached, the rest are the same nodes, moved', () => {
    // a migration-like module: one statement of 300 lines, so one piece
    const line = (i: number) => `    migrations.AddField(model_name="m${i}", name="f", field=models.CharField(max_length=${i})),\n`;
    let text = `operations = [\n${Array.from({ length: 300 }, (_, i) => line(i)).join('')}]\n`;
    const trees = new DocumentTrees('app/migrations/0002.py', 'python');
    trees.update(text);
    const list = (root: Node) => root.children[0].children[0].childForFieldName('right')!;
    const elements = (root: Node) => list(root).namedChildren.filter((c) => c.type !== 'comment');
    const first = trees.python();
    const firstList = list(first);
    const before = elements(first);
    const far = before[250];
    const farStart = far.startIndex;
    // a space before element 20 (the structure does not change), then a comment-out of element 100 (it does)
    for (const [k, insert] of [[20, ' '], [100, '#']] as const) {
      const at = text.indexOf(line(k));
      trees.update(text.slice(0, at) + insert + text.slice(at), [{ start: at, end: at, text: insert }]);
      text = text.slice(0, at) + insert + text.slice(at);
      const root = trees.python();
      assert.deepEqual(nodes(root), nodes(parsePythonTree(text)));
      checkTree(root, text);
    }
    const last = trees.python();
    const after = elements(last);
    assert.equal(after.length, 299, 'element 100 is a comment now');
    assert.equal(after[249], far, 'an element after both edits is the node of the first tree');
    assert.equal(far.startIndex, farStart + 2);
    assert.equal(far.text, line(250).trim().replace(/,$/, ''));
    assert.equal(after[20], before[20], 'so is the element the space went before');
    assert.equal(after[5], before[5], 'and one before the edits');
    assert.notEqual(list(last), firstList, 'the list the edits reached is copied again');
    assert.ok(trees.stats.incremental === 2 && trees.stats.full === 1, JSON.stringify(trees.stats));
  });

  it('wrong edits never give a wrong tree: the edit is taken from the texts', () => {
    const trees = new DocumentTrees('a.py', 'python');
    trees.update('x = 1\ny = 2\n');
    trees.python();
    // a change that does not lead to the text given
    trees.update('x = 1\nzz = 2\n', [{ start: 0, end: 1, text: 'q' }]);
    assert.deepEqual(nodes(trees.python()), nodes(parsePythonTree('x = 1\nzz = 2\n')));
    trees.dispose();
  });

  it('LSP content changes become offsets into the text before each change', () => {
    const doc = TextDocument.create('file:///a.py', 'python', 1, 'ab\ncd\n\ud83d\ude00ef\n');
    const before = doc.getText();
    const { doc: after, edits } = applyContentChanges(
      doc,
      [
        { range: { start: { line: 2, character: 2 }, end: { line: 2, character: 3 } }, text: 'X' },
        { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } }, text: '' },
      ],
      2,
    );
    assert.equal(after.getText(), 'ad\nXf\n'.replace('X', '\ud83d\ude00X'));
    assert.deepEqual(edits, [
      { start: 8, end: 9, text: 'X' },
      { start: 1, end: 4, text: '' },
    ]);
    assert.equal(applyChanges(before, edits!), after.getText());
    const full = applyContentChanges(after, [{ text: 'new' }], 3);
    assert.equal(full.edits, null);
    assert.equal(full.doc.getText(), 'new');
  });
});

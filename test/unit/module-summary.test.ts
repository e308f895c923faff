/**
 * A project module whose tree leaves the module cache's LRU leaves a summary behind: questions
 * about its other names are answered from it without parsing the module again, with the answers
 * the tree gives; what the summary cannot answer alone still loads the tree, and a changed file
 * starts over.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModuleCache, NEEDS_TREE, type ModuleSummary } from '../../server/src/lang/modules';
import { PyBindings } from '../../server/src/lang/python/bindings';
import { parsePythonTree } from '../../server/src/lang/python/parser';
import { ready } from '../harness';

describe('module summaries', () => {
  let dir: string;
  before(ready);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-summary-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (rel: string, text: string): string => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  it('answers from the summary once the tree is dropped, loads again for what it cannot answer, and starts over when the file changes', () => {
    // a "module" is lines of `name=value`; the summary knows the names of the first line only
    const loads: string[] = [];
    type Lines = { value(name: string): string | undefined };
    const read = (text: string): Map<string, string> => new Map(text.split('\n').filter(Boolean).map((l) => l.split('=') as [string, string]));
    const cache = new ModuleCache<Lines>(
      (file, text) => {
        loads.push(path.basename(file));
        const values = read(text);
        return { value: (name: string) => values.get(name) };
      },
      1,
      (b): ModuleSummary => {
        const first = b.value('a');
        return { answer: (method, args) => (method === 'value' && args[0] === 'a' ? first : NEEDS_TREE) };
      },
    );
    const one = write('one.txt', 'a=1\nb=2\n');
    const two = write('two.txt', 'a=3\n');
    assert.equal(cache.get(one)!.value('b'), '2');
    assert.equal(cache.get(two)!.value('a'), '3'); // one.txt leaves the LRU: summarised
    assert.deepEqual(loads, ['one.txt', 'two.txt']);
    assert.equal(cache.get(one)!.value('a'), '1');
    assert.deepEqual(loads, ['one.txt', 'two.txt'], 'a name not asked before, answered by the summary');
    assert.equal(cache.get(one)!.value('c'), undefined);
    assert.deepEqual(loads, ['one.txt', 'two.txt', 'one.txt'], 'what the summary cannot answer loads the tree');
    assert.equal(cache.get(two)!.value('a'), '3');
    fs.writeFileSync(one, 'a=10\n');
    fs.utimesSync(one, new Date(), new Date(Date.now() + 5000));
    assert.equal(cache.get(one)!.value('a'), '10', 'a changed file is read again, not answered by the old summary');
  });

  it("a Python module's summary answers resolveExport and resolveExportCall as its bindings do", () => {
    write('pkg/__init__.py', '');
    write('pkg/client.py', 'import stripe\nsession = stripe.StripeClient()\n\ndef make():\n    return stripe.StripeClient()\n');
    const text = [
      'import requests',
      'import requests as r',
      'from .client import session, make',
      'from .client import session as s2',
      'from .missing import ghost',
      'http = requests.Session()',
      'alias = http',
      'made = make()',
      'other = session',
      'x = 1',
      'x = r.Session()',
      '',
      'def local():',
      '    return requests.Session()',
      '',
      'def mixed(flag):',
      '    if flag:',
      '        return requests.get',
      '    return requests.post',
      '',
      '@decorated',
      'def wrapped():',
      '    return http',
      '',
      'class Thing:',
      '    pass',
      '',
    ].join('\n');
    const file = write('pkg/api.py', text);
    const names = ['requests', 'r', 'session', 'make', 's2', 'ghost', 'http', 'alias', 'made', 'other', 'x', 'local', 'mixed', 'wrapped', 'Thing', 'nothing'];
    const summary = new PyBindings(parsePythonTree(text), file).exportSummary();
    const bindings = new PyBindings(parsePythonTree(text), file);
    const fromTree = (m: 'resolveExport' | 'resolveExportCall') => names.map((n) => [n, bindings[m](n)]);
    const fromSummary = (m: 'resolveExport' | 'resolveExportCall') => names.map((n) => [n, summary.answer(m, [n])]);
    // `made = make()` and `other = session` reach the other module through an assignment: only the tree answers them
    assert.deepEqual(
      fromSummary('resolveExport').map(([n, v]) => [n, v === NEEDS_TREE ? bindings.resolveExport(n as string) : v]),
      fromTree('resolveExport'),
    );
    assert.deepEqual(
      fromSummary('resolveExport').filter(([, v]) => v === NEEDS_TREE).map(([n]) => n),
      ['made', 'other'],
    );
    assert.deepEqual(fromSummary('resolveExportCall'), fromTree('resolveExportCall'));
    assert.equal(bindings.resolveExport('session'), 'stripe.StripeClient()');
    assert.equal(bindings.resolveExportCall('make'), 'stripe.StripeClient()');
    assert.equal(summary.answer('resolveName', ['x']), NEEDS_TREE);
  });
});

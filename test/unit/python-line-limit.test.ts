/**
 * An argument a codemod adds to a Python call is wrapped as black and ruff would wrap it when
 * it pushes the line past the project's limit (read from pyproject.toml, ruff.toml, setup.cfg,
 * tox.ini or .flake8; else 88, or the file's own longest code line). Exact outputs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ready } from '../harness';
import { parsePythonTree } from '../../server/src/lang/python/parser';
import { addArgument } from '../../server/src/lang/python/edits';
import { clearLineLimitCache, pythonLineLimit } from '../../server/src/lang/python/style';
import { applyEdits } from '../../server/src/text/edits';
import type { Node } from '../../server/src/lang/python/tree';

const lines = (...l: string[]) => l.join('\n');

function requestsCall(src: string): Node {
  const stack: Node[] = [parsePythonTree(src)];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.type === 'call' && n.childForFieldName('function')?.text.startsWith('requests.')) return n;
    stack.push(...n.namedChildren);
  }
  throw new Error('no call');
}

function add(src: string, arg: string, filePath?: string): string {
  return applyEdits(src, addArgument(src, requestsCall(src), arg, filePath));
}

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-limit-'));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('python line limit and wrapped arguments', () => {
  before(ready);
  beforeEach(clearLineLimitCache);

  it('reads the limit from the nearest configuration', () => {
    const dir = project({
      'pyproject.toml': '[tool.black]\nline-length = 100\n',
      'setup.cfg': '[metadata]\nname = x\n\n[flake8]\nmax-line-length = 79\n',
      'svc/ruff.toml': 'line-length = 120\n',
      'legacy/tox.ini': '[tox]\nenvlist = py311\n[flake8]\nmax_line_length: 110\n',
    });
    assert.equal(pythonLineLimit(path.join(dir, 'app.py'), ''), 100, 'pyproject wins over setup.cfg in the same folder');
    assert.equal(pythonLineLimit(path.join(dir, 'svc', 'deep', 'x.py'), ''), 120, 'the nearest folder wins');
    assert.equal(pythonLineLimit(path.join(dir, 'legacy', 'x.py'), ''), 110);
  });

  it('without configuration: 88, or the longest code line; noqa lines and comments say nothing', () => {
    const dir = project({});
    const file = path.join(dir, 'x.py');
    assert.equal(pythonLineLimit(file, 'x = 1\n'), 88);
    assert.equal(pythonLineLimit(file, `y = "${'a'.repeat(100)}"\n`), 88, 'a line long only for its string');
    assert.equal(pythonLineLimit(file, `y = g(a, "${'a'.repeat(100)}", b)\n`), 88);
    assert.equal(pythonLineLimit(file, `y = "${'a'.repeat(100)}"  # noqa: E501\n`), 88);
    assert.equal(pythonLineLimit(file, `y = 1  # ${'c'.repeat(120)}\n`), 88);
    assert.equal(pythonLineLimit(file, `    logger.warning(\n        "${'m'.repeat(100)}: %r",\n        delivery_id,\n    )\n`), 88, 'a long string the formatter cannot split');
    assert.equal(pythonLineLimit(file, `x = f(${Array.from({ length: 20 }, (_, i) => `arg${i}`).join(', ')})\n`), 135, 'a call it could have split');
    assert.equal(pythonLineLimit(undefined, 'x = 1\n'), 88);
  });

  it('a call that still fits gets the argument on its line', () => {
    assert.equal(add('r = requests.get(url)\n', 'timeout=10'), 'r = requests.get(url, timeout=10)\n');
  });

  it('a call pushed past the limit is split after its parenthesis, then one argument per line', () => {
    const dir = project({ '.flake8': '[flake8]\nmax-line-length = 88\n' });
    const file = path.join(dir, 'mail.py');
    const src = lines('def ping(url, key):', '    response = requests.get(url, auth=HTTPBasicAuth("anystring", key_of_the_account))', '');
    assert.equal(
      add(src, 'timeout=10', file),
      lines('def ping(url, key):', '    response = requests.get(', '        url, auth=HTTPBasicAuth("anystring", key_of_the_account), timeout=10', '    )', ''),
    );
    const long = lines('def post(url, email, merge_fields, tags, key):', '    return requests.post(url, json={"email_address": email, "merge_fields": merge_fields, "tags": tags}, auth=key)', '');
    assert.equal(
      add(long, 'timeout=10', file),
      lines(
        'def post(url, email, merge_fields, tags, key):',
        '    return requests.post(',
        '        url,',
        '        json={"email_address": email, "merge_fields": merge_fields, "tags": tags},',
        '        auth=key,',
        '        timeout=10,',
        '    )',
        '',
      ),
    );
  });

  it('a call split after its parenthesis gets the argument on the arguments line when it fits', () => {
    const src = lines('response = requests.get(', '    url, auth=HTTPBasicAuth("anystring", key)', ')', '');
    assert.equal(add(src, 'timeout=10'), lines('response = requests.get(', '    url, auth=HTTPBasicAuth("anystring", key), timeout=10', ')', ''));
    const commented = lines('response = requests.get(  # the ping', `    url, auth=HTTPBasicAuth("anystring", ${'k'.repeat(50)})`, ')', '');
    assert.equal(
      add(commented, 'timeout=10'),
      lines('response = requests.get(  # the ping', '    url,', `    auth=HTTPBasicAuth("anystring", ${'k'.repeat(50)}),`, '    timeout=10,', ')', ''),
    );
  });

  it('keeps the layout it cannot reformat with confidence', () => {
    // inside another call: the formatter would split the outer one
    const nested = `data = json.loads(requests.get(url, headers={"Authorization": token_of_the_service_account}).text)\n`;
    assert.equal(add(nested, 'timeout=10'), `data = json.loads(requests.get(url, headers={"Authorization": token_of_the_service_account}, timeout=10).text)\n`);
    // a trailing comment does not count towards the limit
    const commented = `r = requests.get(url, headers=headers)  # ${'c'.repeat(80)}\n`;
    assert.equal(add(commented, 'timeout=10'), `r = requests.get(url, headers=headers, timeout=10)  # ${'c'.repeat(80)}\n`);
    // CRLF files stay CRLF
    const crlf = 'def f(url, key):\r\n    return requests.get(url, auth=HTTPBasicAuth("anystring", key_of_the_account_name))\r\n';
    assert.equal(add(crlf, 'timeout=10'), 'def f(url, key):\r\n    return requests.get(\r\n        url, auth=HTTPBasicAuth("anystring", key_of_the_account_name), timeout=10\r\n    )\r\n');
  });
});

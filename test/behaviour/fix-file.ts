import { ready, fixText, lintText } from '../harness';
import * as fs from 'node:fs';
(async () => {
  await ready();
  const [file, rule, mode] = process.argv.slice(2);
  const text = fs.readFileSync(file, 'utf8');
  const out = fixText(file, text, { only: [rule], unsafe: mode === 'unsafe' });
  const res = lintText(file, text, { only: [rule] });
  for (const f of res.findings) console.error(f.start, f.message, f.fixes.map((x) => x.title));
  process.stdout.write(out.text);
})();

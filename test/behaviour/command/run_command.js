// Command injection before and after the command-injection codemod (child_process exec / execSync).
// Each helper runs on a temp folder with an ordinary value (the same result before and after the fix) and
// with `x; touch <marker>`: the marker appears before the fix (the shell ran it) and not after it.
//   node run_command.js <before.js> <after.js> <work dir>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

let failures = 0;
function check(label, cond, detail) {
  console.log(`  ${cond ? 'ok  ' : 'FAIL'} ${label}${!cond && detail ? `: ${detail}` : ''}`);
  if (!cond) failures++;
}

async function attempt(fn) {
  try {
    return await fn();
  } catch (e) {
    return `${e.code ?? e.name}`;
  }
}

(async () => {
  const [beforeFile, afterFile, work] = process.argv.slice(2);
  for (const [label, file] of [['before', beforeFile], ['after', afterFile]]) {
    const mod = require(path.resolve(file));
    const root = path.join(work, `js-${label}`);
    fs.rmSync(root, { recursive: true, force: true });
    const docs = path.join(root, 'docs');
    fs.mkdirSync(docs, { recursive: true });
    fs.writeFileSync(path.join(docs, 'a.txt'), 'alpha\n');
    fs.writeFileSync(path.join(docs, 'my notes.txt'), 'notes\n');
    const injected = label === 'before';
    const attack = async (what, fn) => {
      const marker = path.join(root, `pwned-${what.replace(/[^A-Za-z0-9]/g, '-')}`);
      const got = await attempt(() => fn(`x; touch ${marker}`));
      const ran = fs.existsSync(marker);
      console.log(`${label}: ${what}('x; touch ${path.basename(marker)}') -> ${JSON.stringify(got)}, marker ${ran ? 'created' : 'absent'}`);
      check(`${label}: ${what}: the injected command ${injected ? 'runs' : 'does not run'}`, ran === injected);
    };
    const listing = await mod.listFolder(docs);
    check(`${label}: listFolder lists the folder`, Array.isArray(listing) && listing.includes('a.txt'), JSON.stringify(listing));
    await attack('listFolder', mod.listFolder);
    check(`${label}: readNote reads a note`, mod.readNote(path.join(docs, 'a.txt')) === 'alpha\n');
    const spaced = await attempt(() => mod.readNote(path.join(docs, 'my notes.txt')));
    console.log(`${label}: readNote('my notes.txt') -> ${JSON.stringify(spaced)}`);
    check(`${label}: a file name with a space is ${injected ? 'split by the shell' : 'one argument'}`, (spaced !== 'notes\n') === injected, JSON.stringify(spaced));
    await attack('readNote', mod.readNote);
    check(`${label}: greet echoes the name`, (await mod.greet('Ada')) === 'hello Ada');
    await attack('greet', mod.greet);
  }
  if (failures) {
    console.log(`command (js): ${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('command (js): the injected command runs before the fix and not after it; ordinary values work the same');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

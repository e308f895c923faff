// Path traversal before and after the path-traversal codemod in a real Express app over HTTP on loopback.
// Ordinary names upload and download the same; `..%2F` names (Express decodes them into `../`) write outside
// the upload folder and read a file beside it before the fix, and neither after it.
//   node run_express.js <before.js> <after.js> <work dir>     (express resolvable through NODE_PATH)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

let failures = 0;
function check(label, cond, detail) {
  console.log(`  ${cond ? 'ok  ' : 'FAIL'} ${label}${!cond && detail ? `: ${detail}` : ''}`);
  if (!cond) failures++;
}

(async () => {
  const [beforeFile, afterFile, work] = process.argv.slice(2);
  for (const [label, file] of [['before', beforeFile], ['after', afterFile]]) {
    const escapes = label === 'before';
    const root = path.join(work, `express-${label}`);
    fs.rmSync(root, { recursive: true, force: true });
    const uploads = path.join(root, 'site', 'uploads');
    fs.mkdirSync(uploads, { recursive: true });
    fs.writeFileSync(path.join(root, 'site', 'secret.txt'), 'DATABASE_PASSWORD=hunter2\n');
    process.env.UPLOAD_DIR = uploads;
    const app = require(path.resolve(file));
    const server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    const req = async (method, url, body) => {
      const r = await fetch(base + url, { method, body, headers: body ? { 'content-type': 'application/octet-stream' } : {}, signal: AbortSignal.timeout(5000) });
      return { status: r.status, text: await r.text() };
    };
    try {
      let r = await req('PUT', '/files/report.txt', 'quarterly numbers\n');
      check(`${label}: an ordinary upload is stored in the upload folder`, r.status === 201 && fs.readFileSync(path.join(uploads, 'report.txt'), 'utf8') === 'quarterly numbers\n', `${r.status}`);
      r = await req('PUT', '/files/..%2F..%2Fescaped.txt', 'written by the client\n');
      const outside = fs.existsSync(path.join(root, 'escaped.txt'));
      console.log(`${label}: PUT /files/..%2F..%2Fescaped.txt -> ${r.status}, ${outside ? 'written outside the upload folder' : 'nothing outside the upload folder'}`);
      check(`${label}: an upload named ../../escaped.txt ${escapes ? 'escapes' : 'stays inside'} the upload folder`, outside === escapes);
      for (const [ok, bad] of [['/files/report.txt', '/files/..%2Fsecret.txt'], ['/download?name=report.txt', '/download?name=..%2Fsecret.txt']]) {
        r = await req('GET', ok);
        check(`${label}: GET ${ok} is served`, r.status === 200 && r.text === 'quarterly numbers\n', `${r.status}`);
        r = await req('GET', bad);
        console.log(`${label}: GET ${bad} -> ${r.status} ${JSON.stringify(r.text.slice(0, 40))}`);
        const served = r.status === 200 && r.text.includes('hunter2');
        check(`${label}: GET ${bad} is ${escapes ? 'served' : 'refused'}`, served === escapes && (escapes || r.status === 404), `${r.status}`);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }
  if (failures) {
    console.log(`paths (express): ${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('paths (express): ../ names escape the upload folder before the fix and are refused after it; ordinary names work the same');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

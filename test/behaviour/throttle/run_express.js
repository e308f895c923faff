// Starts the Express app of <dir> (server.js) on a free loopback port, sends 6 login POSTs, prints the status codes.
const { fork } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

(async () => {
  const dir = process.argv[2];
  const port = await freePort();
  const child = fork(path.join(dir, 'server.js'), [], { cwd: dir, env: { ...process.env, PORT: String(port) }, stdio: 'inherit' });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const codes = [];
  for (let i = 0; i < 6; i++) {
    const r = await fetch(`http://127.0.0.1:${port}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'guess' }), signal: AbortSignal.timeout(5000) });
    codes.push(r.status);
  }
  child.kill();
  console.log(JSON.stringify(codes));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

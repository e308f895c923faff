const { exec, execFile, execSync } = require('child_process');
const childProcess = require('node:child_process');
const express = require('express');

const app = express();

app.get('/ping', (req, res) => {
  execFile('ping', ['-c', '1', String(req.query.host)], (err, stdout) => { // expect: command-injection
    res.type('text').send(err ? 'unreachable' : stdout);
  });
});

app.post('/convert', (req, res) => {
  const name = req.body.name;
  execSync(`convert uploads/${name} -resize 200x200 thumbs/${name}`); // expect: command-injection
  res.sendStatus(204);
});

function gitLog(branch, cb) {
  exec('git log --oneline ' + branch, cb); // expect: command-injection
}

function dump(db) {
  return childProcess.execFileSync('pg_dump', [String(db), '--format', 'custom']); // expect: command-injection
}

app.get('/grep', (req, res) => {
  const cmd = `grep -r ${req.query.pattern} /srv/logs | head -n 50`;
  childProcess.exec(cmd, (err, out) => res.send(out)); // expect: command-injection
});

function spawnIt(file) {
  return childProcess.spawn(`ffmpeg -i ${file} out.mp4`, { shell: true }); // expect: command-injection
}

module.exports = { app, gitLog, dump, spawnIt };

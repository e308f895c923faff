// shipguard-test: no-findings
const { exec, execFile, spawn } = require('child_process');
const express = require('express');

const app = express();
const BACKUP = 'pg_dump shop > /var/backups/shop.sql';
const FORMATS = ['png', 'webp'];

app.get('/ping', (req, res) => {
  execFile('ping', ['-c', '1', String(req.query.host)], (err, out) => res.send(out));
});

app.post('/backup', (_req, res) => {
  exec(BACKUP, () => res.sendStatus(204));
  exec('df -h | tail -n 1', () => {});
});

app.get('/resize', (req, res) => {
  const width = Number(req.query.width);
  exec(`convert in.png -resize ${width} out.png`, () => res.sendStatus(204));
});

app.get('/convert', (req, res) => {
  const fmt = String(req.query.format);
  if (!FORMATS.includes(fmt)) return res.sendStatus(400);
  exec(`convert in.png out.${fmt}`, () => res.sendStatus(204));
});

function runShell(command, cb) {
  // the whole command comes from the caller
  exec(command, cb);
}

function ffmpeg(file) {
  return spawn('ffmpeg', ['-i', file, 'out.mp4']);
}

const db = { exec: (sql) => sql };
function migrate(table) {
  return db.exec(`ALTER TABLE ${table} ADD COLUMN note text`);
}

function regexp(pattern, text) {
  return new RegExp(pattern).exec(`${text}`);
}

module.exports = { app, runShell, ffmpeg, migrate, regexp };

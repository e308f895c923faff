// shipguard-test: no-findings
const path = require('path');
const fs = require('fs');
const express = require('express');

const app = express();
const UPLOAD_DIR = path.join(__dirname, 'uploads');
const REPORTS = { sales: 'sales.csv', stock: 'stock.csv' };

app.get('/files/:name', (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, path.basename(req.params.name)));
});

app.get('/root/:name', (req, res) => {
  res.sendFile(req.params.name, { root: UPLOAD_DIR });
});

app.get('/checked', (req, res) => {
  const target = path.resolve(UPLOAD_DIR, String(req.query.file));
  if (!target.startsWith(UPLOAD_DIR + path.sep)) return res.sendStatus(404);
  res.sendFile(target);
});

app.get('/reports/:kind', (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, REPORTS[req.params.kind]));
});

app.get('/invoice/:id', (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, `${Number(req.params.id)}.pdf`));
});

function loadTemplate(name) {
  return fs.readFileSync(path.join(__dirname, 'templates', name), 'utf8');
}

app.get('/logo', (_req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, 'logo.png'));
});

app.get('/join', (req, res) => {
  res.json({ tags: req.query.tags.split(',').join(' ') });
});

module.exports = { app, loadTemplate };

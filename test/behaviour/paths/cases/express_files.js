// An Express file service that builds paths from the names clients send (the codemod's input).
const path = require('path');
const fs = require('fs');
const express = require('express');

const app = express();
const UPLOAD_DIR = process.env.UPLOAD_DIR || path.join(__dirname, 'uploads');

app.put('/files/:name', express.raw({ type: '*/*' }), (req, res) => {
  fs.writeFileSync(path.join(UPLOAD_DIR, req.params.name), req.body);
  res.status(201).json({ stored: req.params.name });
});

app.get('/files/:name', (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, req.params.name), (err) => {
    if (err) res.sendStatus(404);
  });
});

app.get('/download', (req, res) => {
  const file = path.resolve(UPLOAD_DIR, req.query.name);
  if (!fs.existsSync(file)) return res.sendStatus(404);
  res.download(file);
});

module.exports = app;

const path = require('path');
const fs = require('fs');
const express = require('express');
const multer = require('multer');

const app = express();
const upload = multer({ dest: '/tmp/incoming' });
const UPLOAD_DIR = path.join(__dirname, 'uploads');

app.get('/files/:name', (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, path.basename(req.params.name))); // expect: path-traversal
});

app.post('/upload', upload.single('file'), (req, res) => {
  const target = path.join(UPLOAD_DIR, path.basename(req.file.originalname)); // expect: path-traversal
  fs.renameSync(req.file.path, target);
  res.status(201).json({ name: req.file.originalname });
});

app.get('/download', (req, res) => {
  res.download(`${UPLOAD_DIR}/${req.query.file}`); // expect: path-traversal
});

app.delete('/files', (req, res) => {
  fs.unlinkSync(UPLOAD_DIR + '/' + req.body.name); // expect: path-traversal
  res.sendStatus(204);
});

app.get('/read', async (req, res) => {
  const { name } = req.query;
  const file = path.resolve(UPLOAD_DIR, path.basename(name)); // expect: path-traversal
  res.send(await fs.promises.readFile(file, 'utf8'));
});

app.get('/stream/:name', (req, res) => {
  fs.createReadStream(path.join(UPLOAD_DIR, 'media', path.basename(req.params.name))).pipe(res); // expect: path-traversal
});

module.exports = app;

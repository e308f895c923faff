// shipguard-test: no-findings
import express from 'express';

// the app-wide apiLimiter in ../app.ts is used before this router is mounted
const files = express.Router();

files.post('/upload', express.raw({ type: 'application/octet-stream', limit: '10mb' }), (req, res) => {
  res.status(201).json({ bytes: req.body.length });
});

files.get('/export', (req, res) => {
  res.attachment('export.csv').send('id,name\n');
});

export { files };

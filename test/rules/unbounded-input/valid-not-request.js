// shipguard-test: no-findings
const express = require('express');
const { Job } = require('./models');

const app = express();
const PAGE_SIZE = Number(process.env.PAGE_SIZE || 50);

function buildReport(rows, width) {
  return rows.map((r) => String(r.name).padEnd(Number(width))).join('\n');
}

app.get('/jobs', async (req, res) => {
  const jobs = await Job.find().limit(PAGE_SIZE);
  const cols = Number(req.headers['x-columns']);
  res.json({ jobs, cols, text: buildReport(jobs, 20) });
});

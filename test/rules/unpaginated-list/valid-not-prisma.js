// shipguard-test: no-findings
const express = require('express');
const repo = require('./repo');

const app = express();

app.get('/api/things', async (req, res) => {
  res.json(await repo.things.findMany());
});

// An API whose SPA lives on another origin: CORS left at the package's defaults.
const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors());
app.get('/api/me', (req, res) => res.json({ user: 'ada', plan: 'pro' }));

module.exports = app;

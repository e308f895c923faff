// shipguard-test: no-findings
const express = require('express');
const cors = require('cors');

const app = express();
const dev = process.env.NODE_ENV !== 'production';
if (dev) {
  app.use(cors());
}
if (process.env.NODE_ENV === 'production') {
  app.use(cors({ origin: process.env.APP_URL, credentials: true }));
} else {
  app.use(cors({ origin: true, credentials: true }));
}
module.exports = app;

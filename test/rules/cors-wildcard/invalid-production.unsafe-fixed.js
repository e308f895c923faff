const express = require('express');
const cors = require('cors');

const app = express();
if (process.env.NODE_ENV === 'production') {
  app.use(cors({ origin: (process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean) })); // expect: cors-wildcard
}

module.exports = app;

const express = require('express');
const cors = require('cors');

const app = express();
if (process.env.NODE_ENV === 'production') {
  app.use(cors()); // expect: cors-wildcard
}

module.exports = app;

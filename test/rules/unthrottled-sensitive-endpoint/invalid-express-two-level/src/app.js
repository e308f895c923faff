const express = require('express');
const rateLimit = require('express-rate-limit');
const routes = require('./routes/v1');

const app = express();
const authLimiter = rateLimit({ windowMs: 15 * 60 * 1000, max: 20 });

// on only while developing: production runs without it
if (process.env.NODE_ENV !== 'production') {
  app.use('/v1/auth', authLimiter);
}
// scoped to another prefix than the one the account router answers at
app.use('/v1/users', authLimiter);

app.use('/v1', routes);

module.exports = app;

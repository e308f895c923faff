const express = require('express');
const config = require('./config');
const { authLimiter } = require('./middlewares/rateLimiter');
const routes = require('./routes/v1');

const app = express();
app.use(express.json());

// limit repeated failed requests to auth endpoints (on in production)
if (config.env === 'production') {
  app.use('/v1/auth', authLimiter);
}

app.use('/v1', routes);

module.exports = app;

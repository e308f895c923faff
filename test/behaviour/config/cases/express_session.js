// Sessions in memory (behaviour test only); the cookie options are the package's defaults.
const express = require('express');
const session = require('express-session');

const app = express();
app.set('trust proxy', 1);
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  }),
);
app.get('/login', (req, res) => {
  req.session.user = 'ada';
  res.send('logged in');
});

module.exports = app;

const express = require('express');
const cookieSession = require('cookie-session');

const app = express();
app.use(
  cookieSession({ // expect: insecure-session-cookie
    name: 'session',
    keys: [process.env.COOKIE_KEY_CURRENT, process.env.COOKIE_KEY_PREVIOUS],
    maxAge: 24 * 60 * 60 * 1000,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax',
  }),
);

app.get('/', (req, res) => res.send(`hello ${req.session.user ?? 'anonymous'}`));

module.exports = app;

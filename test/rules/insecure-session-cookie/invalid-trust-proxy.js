const express = require('express');
const session = require('express-session');

const app = express();
app.set('trust proxy', 1);

app.use(
  session({ // expect: insecure-session-cookie
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: true,
    cookie: {
      maxAge: 1000 * 60 * 60 * 24,
      domain: process.env.COOKIE_DOMAIN
    }
  })
);

module.exports = app;

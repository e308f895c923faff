// shipguard-test: no-findings
const session = require('express-session');

const isProduction = process.env.NODE_ENV === 'production';
const sessionConfig = {
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { secure: isProduction, sameSite: 'strict' },
};

module.exports = (app) => app.use(session(sessionConfig));

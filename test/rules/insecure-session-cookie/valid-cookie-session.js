// shipguard-test: no-findings
const cookieSession = require('cookie-session');

module.exports = function sessions(app) {
  app.set('trust proxy', 1);
  app.use(cookieSession({ name: 'sid', keys: [process.env.COOKIE_KEY], secure: true, httpOnly: true, sameSite: 'lax' }));
};

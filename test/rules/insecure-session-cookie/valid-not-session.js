// shipguard-test: no-findings
// a project helper named like the middleware: not express-session
function session(options) {
  return { ...options, createdAt: Date.now() };
}

const s = session({ user: 'ada' });
const cookie = { httpOnly: false };
module.exports = { s, cookie };

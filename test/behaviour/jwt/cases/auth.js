// Express-style bearer authentication, as the codemod receives it.
const jwt = require('jsonwebtoken');

const secret = process.env.JWT_SIGNING_KEY;

function issue(userId) {
  return jwt.sign({ sub: userId }, secret, { algorithm: 'HS256' });
}

function authenticate(req) {
  const claims = jwt.decode(req.headers.authorization.slice(7));
  return claims.sub;
}

module.exports = { issue, authenticate };

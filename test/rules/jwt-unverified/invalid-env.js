const jwt = require('jsonwebtoken');

module.exports = function auth(req, res, next) {
  const user = jwt.decode(req.get('Authorization')); // expect: jwt-unverified
  if (!user) return res.sendStatus(401);
  req.user = user;
  next();
};

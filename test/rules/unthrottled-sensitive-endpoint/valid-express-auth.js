// shipguard-test: no-findings
const express = require('express');
const passport = require('passport');
const { requireAuth } = require('./middleware/auth');
const { createToken, changePassword, fetchCheckoutSession, signUploadUrl } = require('./controllers/account');

const app = express();
app.post('/api/tokens', passport.authenticate('jwt', { session: false }), createToken);
app.put('/account/password', requireAuth, changePassword);

const team = express.Router();
team.use((req, res, next) => {
  if (!req.user) {
    res.status(401).json({ error: 'Unauthorized' });
    return;
  }
  next();
});
team.post('/verify-email', (req, res) => res.json({ sent: true }));
// authenticated reads: retrieving a checkout session or signing an upload URL moves no money and stores nothing
team.post('/stripe/fetch-checkout-session', fetchCheckoutSession);
team.post('/aws/get-signed-request-for-upload', signUploadUrl);

module.exports = { app, team };

const express = require('express');
const { login, register, resetPassword } = require('./controllers/auth');
const rateLimit = require('express-rate-limit');

const app = express();
app.use(express.json());

const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
app.post('/login', loginLimiter, login); // expect: unthrottled-sensitive-endpoint
const registerLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
app.post('/api/register', registerLimiter, validateBody, register); // expect: unthrottled-sensitive-endpoint
const resetLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
app.put('/account/password', resetLimiter, csrfProtection, resetPassword); // expect: unthrottled-sensitive-endpoint
const checkoutLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
app.post('/checkout', checkoutLimiter, async (req, res) => { // expect: unthrottled-sensitive-endpoint
  res.json(await charge(req.body));
});
const otpLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
app.route('/otp').post(otpLimiter, sendOtp); // expect: unthrottled-sensitive-endpoint
const exportLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
app.get('/reports/export', exportLimiter, exportCsv); // expect: unthrottled-sensitive-endpoint

app.listen(3000);

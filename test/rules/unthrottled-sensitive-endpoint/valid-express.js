// shipguard-test: no-findings
const express = require('express');
const rateLimit = require('express-rate-limit');
const slowDown = require('express-slow-down');
const { RateLimiterRedis } = require('rate-limiter-flexible');
const { login, register, resetPassword, sendOtp, exportCsv } = require('./controllers/auth');

const app = express();
const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5 });
const speed = slowDown({ windowMs: 60_000, delayAfter: 3 });
const flexible = new RateLimiterRedis({ storeClient: redis, points: 10, duration: 60 });
async function otpGuard(req, res, next) {
  try {
    await flexible.consume(req.ip);
    next();
  } catch {
    res.status(429).end();
  }
}

app.post('/login', loginLimiter, login);
app.post('/api/register', [speed, validateBody], register);
app.route('/otp').post(otpGuard, sendOtp);
app.use('/account', loginLimiter);
app.put('/account/password', resetPassword);
app.get('/reports', listReports);
app.post('/profile', saveProfile);
axios.post('/login', { user });
app.use(rateLimit({ windowMs: 60_000, limit: 60 }));
app.get('/reports/export', exportCsv);
app.post('/admin/users/export', requireAdmin, exportUsers);
app.post('/webhooks/payment', express.raw({ type: 'application/json' }), paymentWebhook);
app.delete('/tokens/:id', revokeToken);
app.post('/api/v1/public/stripe-invoice-payment-failed', express.raw({ type: 'application/json' }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);
  res.json({ received: event.id });
});

import { Router } from 'express';
import rateLimit from 'express-rate-limit';

const router = Router();
const checkoutLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
// mounted before the limiter: not covered
router.post('/checkout', checkoutLimiter, (req, res) => res.json({ ok: true })); // expect: unthrottled-sensitive-endpoint
const subscribeLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
router.post('/subscribe', subscribeLimiter, (req, res) => res.json({ ok: true })); // expect: unthrottled-sensitive-endpoint

export default router;

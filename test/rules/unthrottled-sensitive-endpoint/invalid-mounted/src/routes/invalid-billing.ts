import { Router } from 'express';

const router = Router();
// mounted before the limiter: not covered
router.post('/checkout', (req, res) => res.json({ ok: true })); // expect: unthrottled-sensitive-endpoint
router.post('/subscribe', (req, res) => res.json({ ok: true })); // expect: unthrottled-sensitive-endpoint

export default router;

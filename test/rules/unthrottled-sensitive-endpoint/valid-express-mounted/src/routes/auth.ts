// shipguard-test: no-findings
import { Router } from 'express';

// mounted behind authLimiter in ../app.ts
const router = Router();

router.post('/login', async (req, res) => {
  const { email, password } = req.body;
  res.json({ ok: Boolean(email && password) });
});

router.post('/register', async (req, res) => {
  res.status(201).json({ email: req.body.email });
});

router.post('/forgot-password', async (req, res) => {
  res.status(202).json({ sent: true });
});

router.post('/otp/verify', async (req, res) => {
  res.json({ verified: req.body.code === '000000' });
});

export default router;

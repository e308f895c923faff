// shipguard-test: no-findings
import { Router } from 'express';

const router = Router();
// mounted after app.use(limiter) in app.ts
router.post('/login', (req, res) => res.json({ ok: true }));
router.post('/password/reset', (req, res) => res.status(202).end());

export default router;

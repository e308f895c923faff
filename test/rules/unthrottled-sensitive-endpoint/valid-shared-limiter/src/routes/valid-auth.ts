// shipguard-test: no-findings
import express from 'express';
import { authGuard, strict } from '../middleware/limits';
import { protect } from '../middleware/redis-counter';
import { login, register, verifyEmail } from '../controllers/auth';

const router = express.Router();

router.post('/login', authGuard, login);
router.post('/register', strict({ limit: 3 }), register);
router.post('/verify-email', protect, verifyEmail);

export default router;

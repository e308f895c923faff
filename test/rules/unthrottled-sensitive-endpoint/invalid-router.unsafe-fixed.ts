import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import * as auth from './controllers/auth';

const router = Router();
const apiLimiter = rateLimit({ windowMs: 60_000, limit: 100 });

const signupLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
// routes declared before the limiter is applied are not covered by it
router.post('/signup', signupLimiter, auth.signup); // expect: unthrottled-sensitive-endpoint
router.use(apiLimiter);
router.post('/signin', auth.signin);

const files = Router();
files.use('/admin', apiLimiter);
const uploadLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, standardHeaders: 'draft-7', legacyHeaders: false });
files.post('/upload', uploadLimiter, auth.upload); // expect: unthrottled-sensitive-endpoint
files.post('/admin/upload', auth.upload);

export default router;
export { files };

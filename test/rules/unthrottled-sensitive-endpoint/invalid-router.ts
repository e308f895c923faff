import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import * as auth from './controllers/auth';

const router = Router();
const apiLimiter = rateLimit({ windowMs: 60_000, limit: 100 });

// routes declared before the limiter is applied are not covered by it
router.post('/signup', auth.signup); // expect: unthrottled-sensitive-endpoint
router.use(apiLimiter);
router.post('/signin', auth.signin);

const files = Router();
files.use('/admin', apiLimiter);
files.post('/upload', auth.upload); // expect: unthrottled-sensitive-endpoint
files.post('/admin/upload', auth.upload);

export default router;
export { files };

// shipguard-test: no-findings
import { Router } from 'express';
import { Post } from '../models/post';

const router = Router();
const MAX_PAGE_SIZE = 100;

router.get('/posts', async (req, res) => {
  const limit = Number(req.query.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    return res.status(400).json({ error: 'limit must be between 1 and 100' });
  }
  const posts = await Post.find().sort({ createdAt: -1 }).limit(limit);
  return res.json(posts);
});

export default router;

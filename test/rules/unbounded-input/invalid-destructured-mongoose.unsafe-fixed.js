const express = require('express');
const Comment = require('../models/comment');

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value, { fallback, max = 1000 } = {}) {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

const router = express.Router();

router.get('/posts/:postId/comments', async (req, res, next) => {
  try {
    const { page, perPage } = req.query;
    const size = parseBoundedInt(perPage); // expect: unbounded-input
    if (size === null) return res.status(400).json({ error: 'perPage must be a whole number' });
    const pageNumber = parseBoundedInt(page);
    if (pageNumber === null) return res.status(400).json({ error: 'page must be a whole number' });
    const comments = await Comment.find({ post: req.params.postId })
      .sort({ createdAt: -1 })
      .skip(pageNumber * size) // expect: unbounded-input
      .limit(size);
    res.json(comments);
  } catch (err) {
    next(err);
  }
});

module.exports = router;

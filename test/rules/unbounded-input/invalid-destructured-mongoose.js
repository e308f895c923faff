const express = require('express');
const Comment = require('../models/comment');

const router = express.Router();

router.get('/posts/:postId/comments', async (req, res, next) => {
  try {
    const { page, perPage } = req.query;
    const size = +perPage; // expect: unbounded-input
    const comments = await Comment.find({ post: req.params.postId })
      .sort({ createdAt: -1 })
      .skip(Number(page) * size) // expect: unbounded-input
      .limit(size);
    res.json(comments);
  } catch (err) {
    next(err);
  }
});

module.exports = router;

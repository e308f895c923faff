const router = require('express').Router();
const prisma = require('./prisma');

router.get('/tags', (req, res, next) => {
  const take = Math.min(Math.max(Number.parseInt(String(req.query.limit ?? '50'), 10) || 50, 1), 200);
  const skip = Math.max(Number.parseInt(String(req.query.offset ?? '0'), 10) || 0, 0);
  prisma.tag
    .findMany({ orderBy: { name: 'asc' }, take, skip }) // expect: unpaginated-list
    .then((tags) => res.json(tags))
    .catch(next);
});

module.exports = router;

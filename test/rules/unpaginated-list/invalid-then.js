const router = require('express').Router();
const prisma = require('./prisma');

router.get('/tags', (req, res, next) => {
  prisma.tag
    .findMany({ orderBy: { name: 'asc' } }) // expect: unpaginated-list
    .then((tags) => res.json(tags))
    .catch(next);
});

module.exports = router;

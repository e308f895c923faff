const express = require('express');
const authRoute = require('./auth.route');
const accountRoute = require('./account.route');

const router = express.Router();

router.use('/auth', authRoute);
router.use('/account', accountRoute);

module.exports = router;

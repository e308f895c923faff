const express = require('express');
const accountController = require('../../controllers/account.controller');

const router = express.Router();

// answers at /v1/account/reset-password: the limiter on /v1/users does not cover it
router.post('/reset-password', accountController.resetPassword); // expect: unthrottled-sensitive-endpoint

module.exports = router;

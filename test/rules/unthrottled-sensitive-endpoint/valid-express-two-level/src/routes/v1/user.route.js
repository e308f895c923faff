// shipguard-test: no-findings
const express = require('express');
const auth = require('../../middlewares/auth');
const userController = require('../../controllers/user.controller');

const router = express.Router();

// behind authentication: a logged-in user changing their own password is not a guessing target
router.post('/password', auth(), userController.changePassword);

module.exports = router;

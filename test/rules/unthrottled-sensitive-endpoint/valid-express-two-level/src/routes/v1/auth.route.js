// shipguard-test: no-findings
const express = require('express');
const authController = require('../../controllers/auth.controller');

const router = express.Router();

// mounted at /v1/auth through routes/v1/index.js: app.use('/v1/auth', authLimiter) covers them
router.post('/register', authController.register);
router.post('/login', authController.login);
router.post('/forgot-password', authController.forgotPassword);
router.post('/reset-password', authController.resetPassword);

module.exports = router;

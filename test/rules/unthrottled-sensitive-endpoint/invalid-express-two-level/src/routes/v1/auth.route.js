const express = require('express');
const authController = require('../../controllers/auth.controller');

const router = express.Router();

router.post('/login', authController.login); // expect: unthrottled-sensitive-endpoint
router.post('/register', authController.register); // expect: unthrottled-sensitive-endpoint

module.exports = router;

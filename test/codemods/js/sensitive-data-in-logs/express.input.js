const express = require('express');
const log = require('./log');

const router = express.Router();

router.post('/reset', (req, res) => {
	log.info('password reset', { email: req.body.email, newPassword: req.body.newPassword });
	console.log('reset body', req.body);
	res.sendStatus(204);
});

module.exports = router;

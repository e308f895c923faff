#!/usr/bin/env node
'use strict';

const stripe = require('stripe')('rk_live_Bd0Kh8oOOL8dKLzdocJ2isAj'); // expect: hardcoded-secret

const githubToken = 'ghp_Wvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedU'; // expect: hardcoded-secret

module.exports = { stripe, githubToken };

#!/usr/bin/env node
'use strict';

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

const stripe = require('stripe')(requireEnv('STRIPE_RESTRICTED_KEY')); // expect: hardcoded-secret

const githubToken = requireEnv('GITHUB_TOKEN'); // expect: hardcoded-secret

module.exports = { stripe, githubToken };

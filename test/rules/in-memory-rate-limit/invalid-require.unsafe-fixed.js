const express = require('express');
const rateLimit = require('express-rate-limit');
const { RedisStore } = require('rate-limit-redis');
const { createClient } = require('redis');

const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.connect();

const app = express();
app.use(rateLimit({ windowMs: 60 * 1000, max: 60, store: new RedisStore({ prefix: 'rl:limiter5:', sendCommand: (...args) => redisClient.sendCommand(args) }) })); // expect: in-memory-rate-limit
app.post('/login', rateLimit({ windowMs: 15 * 60 * 1000, max: 5, store: new RedisStore({ prefix: 'rl:/login:', sendCommand: (...args) => redisClient.sendCommand(args) }) }), (req, res) => res.end()); // expect: in-memory-rate-limit

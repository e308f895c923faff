const express = require('express');
const rateLimit = require('express-rate-limit');

const app = express();
app.use(rateLimit({ windowMs: 60 * 1000, max: 60 })); // expect: in-memory-rate-limit
app.post('/login', rateLimit({ windowMs: 15 * 60 * 1000, max: 5 }), (req, res) => res.end()); // expect: in-memory-rate-limit

const express = require('express');

const app = express();
app.use(express.json());

app.post('/login', (req, res) => {
  res.json({ ok: req.body.password === 'correct horse' });
});

const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
module.exports = server;

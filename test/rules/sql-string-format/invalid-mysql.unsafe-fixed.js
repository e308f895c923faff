const mysql = require('mysql2/promise');
const express = require('express');

const app = express();
const db = mysql.createPool({ uri: process.env.DATABASE_URL });

app.get('/api/posts', async (req, res) => {
  const [rows] = await db.query('SELECT id, title FROM posts WHERE author = ?', [req.query.author]); // expect: sql-string-format
  res.json(rows);
});

app.post('/api/login', async (req, res) => {
  const { email } = req.body;
  const [rows] = await db.execute('SELECT id, password_hash FROM users WHERE email = ?', [email]); // expect: sql-string-format
  res.json({ found: rows.length > 0 });
});

module.exports = app;

import { Router } from 'express';
import session = require('express-session');

export const auth = Router();

auth.use(session({ secret: process.env.SESSION_SECRET ?? '', resave: false, saveUninitialized: false, cookie: { secure: process.env.NODE_ENV === 'production', sameSite: 'lax' } })); // expect: insecure-session-cookie
auth.post('/login', (req, res) => {
  (req.session as any).user = req.body.user;
  res.sendStatus(204);
});

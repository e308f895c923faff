import express from 'express';
import session from 'express-session';

const cookie = { secure: 'auto', sameSite: 'lax', maxAge: 3_600_000 };

export const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, proxy: true, resave: false, saveUninitialized: false, cookie })); // expect: insecure-session-cookie

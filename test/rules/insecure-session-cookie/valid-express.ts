// shipguard-test: no-findings
import express from 'express';
import session from 'express-session';

const app = express();
app.set('trust proxy', 1);
app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'lax', maxAge: 86_400_000 },
  }),
);

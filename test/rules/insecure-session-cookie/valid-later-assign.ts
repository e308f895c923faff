// shipguard-test: no-findings
import session from 'express-session';
import express from 'express';

const app = express();
const opts: session.SessionOptions = { secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { httpOnly: true } };
if (process.env.NODE_ENV === 'production') {
  app.set('trust proxy', 1);
  opts.cookie!.secure = true;
  opts.cookie!.sameSite = 'lax';
}
app.use(session(opts));

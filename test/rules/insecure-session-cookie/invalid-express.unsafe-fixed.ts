import express from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';
import { redis } from './redis';

const app = express();
app.use(express.json());
app.use(
  session({ // expect: insecure-session-cookie
    store: new RedisStore({ client: redis }),
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: process.env.NODE_ENV === 'production', httpOnly: true, sameSite: 'lax' },
  }),
);

export default app;

import * as express from 'express';
import * as session from 'express-session';
import mongoSessionStore = require('connect-mongo');

const dev = process.env.NODE_ENV !== 'production';
const server = express();

const sessionOptions = {
  name: process.env.SESSION_NAME,
  secret: process.env.SESSION_SECRET,
  store: mongoSessionStore.create({ mongoUrl: process.env.MONGO_URL }),
  resave: false,
  saveUninitialized: false,
  cookie: {
    httpOnly: true,
    maxAge: 14 * 24 * 60 * 60 * 1000, // expires in 14 days
    domain: dev ? 'localhost' : process.env.COOKIE_DOMAIN,
    sameSite: 'lax',
  } as any,
};

if (!dev) {
  server.set('trust proxy', 1);
  sessionOptions.cookie.secure = true; // sets cookie over HTTPS only
}

const sessionMiddleware = session(sessionOptions); // expect: insecure-session-cookie
server.use(sessionMiddleware);

// shipguard-test: no-findings
import session from 'express-session';
import { sessionDefaults } from './defaults.js';

export const sessions = session({ ...sessionDefaults, secret: process.env.SESSION_SECRET });
export const adminSessions = session({ secret: process.env.ADMIN_SECRET, cookie: { ...sessionDefaults.cookie, path: '/admin' } });

export const db = {
  host: process.env.DB_HOST || 'db',
  user: process.env.DB_USER || 'shop',
  password: process.env.DB_PASSWORD || 'shop', // expect: insecure-secret-fallback
};

export const sessionSecret = process.env.SESSION_SECRET || 'keyboard cat'; // expect: insecure-secret-fallback

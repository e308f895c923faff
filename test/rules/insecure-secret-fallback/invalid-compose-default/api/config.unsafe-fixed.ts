function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const db = {
  host: process.env.DB_HOST || 'db',
  user: process.env.DB_USER || 'shop',
  password: process.env.DB_PASSWORD || 'shop', // expect: insecure-secret-fallback
};

export const sessionSecret = requireEnv('SESSION_SECRET'); // expect: insecure-secret-fallback

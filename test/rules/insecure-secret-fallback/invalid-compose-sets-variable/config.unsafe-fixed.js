function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

module.exports = {
  database: {
    user: process.env.DATABASE_USER || 'billing',
    // the Compose file sets the variable for the app: failing fast breaks no install
    password: requireEnv('DATABASE_PASSWORD'), // expect: insecure-secret-fallback
  },
};

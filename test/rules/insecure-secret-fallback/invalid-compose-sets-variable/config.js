module.exports = {
  database: {
    user: process.env.DATABASE_USER || 'billing',
    // the Compose file sets the variable for the app: failing fast breaks no install
    password: process.env.DATABASE_PASSWORD || 'billing', // expect: insecure-secret-fallback
  },
};

module.exports = { env: process.env.NODE_ENV };

const express = require("express");
const cors = require("cors");

const app = express();
app.use(cors({ origin: (process.env.CORS_ALLOWED_ORIGINS ?? "").split(",").filter(Boolean), methods: ["GET", "POST"] })); // expect: cors-wildcard

module.exports = app;

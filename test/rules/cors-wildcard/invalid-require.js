const express = require("express");
const cors = require("cors");

const app = express();
app.use(cors({ origin: "*", methods: ["GET", "POST"] })); // expect: cors-wildcard

module.exports = app;

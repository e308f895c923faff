import express from "express";
import session from "express-session";

const app = express();
app.enable("trust proxy");
// the SPA reads the cookie to know whether someone is logged in
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: true, sameSite: "strict" } })); // expect: insecure-session-cookie

export { app };

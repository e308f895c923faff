import express from 'express';
import cors from 'cors';

const app = express();
app.use(
  cors({ // expect: cors-wildcard
    credentials: true,
    maxAge: 600,
  }),
);

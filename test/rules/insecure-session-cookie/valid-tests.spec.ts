// shipguard-test: no-findings
import express from 'express';
import session from 'express-session';
import request from 'supertest';

const app = express();
app.use(session({ secret: 'test', resave: false, saveUninitialized: true }));

it('keeps the session between requests', async () => {
  await request(app).get('/').expect(404);
});

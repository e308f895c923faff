// shipguard-test: no-findings
import express from 'express';
import cors from 'cors';
import request from 'supertest';

const app = express();
app.use(cors());

it('answers preflight requests', async () => {
  await request(app).options('/').expect(204);
});

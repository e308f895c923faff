// shipguard-test: no-findings
// An end-to-end test: the test runner's own timeout bounds every request.
import { expect, test } from '@playwright/test';
import axios from 'axios';

test('the pricing endpoint answers', async () => {
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/pricing`);
  expect(res.status).toBe(200);
  const again = await axios.get(`${process.env.E2E_BASE_URL}/api/pricing`);
  expect(again.status).toBe(200);
});

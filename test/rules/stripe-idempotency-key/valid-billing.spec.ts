// shipguard-test: no-findings
// A unit test against Stripe's test mode: nobody is charged twice.
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

const stripe = new Stripe(process.env.STRIPE_TEST_KEY ?? '');

describe('billing', () => {
  it('creates a customer', async () => {
    const customer = await stripe.customers.create({ email: 'test@example.com' });
    expect(customer.id).toMatch(/^cus_/);
  });
});

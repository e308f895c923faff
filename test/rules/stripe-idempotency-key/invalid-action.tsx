'use server';
// A React server action with a typed Stripe instance from a shared module.
import type Stripe from 'stripe';
import { getStripe } from '@/lib/stripe';

const stripe: Stripe = getStripe();

export async function subscribe(formData: FormData) {
  const orderId = String(formData.get('orderId'));
  const subscription = await stripe.subscriptions.create({ // expect: stripe-idempotency-key
    customer: String(formData.get('customer')),
    items: [{ price: String(formData.get('price')) }],
  });
  return <p data-id={orderId}>{subscription.status}</p>;
}

// Every error answered with one client status (or Express' default 200) and its own text: the
// app means some of these texts for the user ("This invitation has expired"), so which ones stay
// is the author's call. The fix needs input: it is offered in the editor, never written in bulk.
import type { NextApiRequest, NextApiResponse } from 'next';
import type { NextFunction, Request, Response } from 'express';
import Stripe from 'stripe';
import { getInvitation } from 'models/invitation';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    const invitation = await getInvitation({ token: req.query.token as string });
    res.status(200).json({ data: invitation });
  } catch (error: any) {
    res.status(400).json({ // expect: error-details-in-response
      error: { message: error.message },
    });
  }
}

export function handleError(err: Error, _req: Request, res: Response, _next: NextFunction) {
  console.error(err.stack);
  res.json({ error: err.message || err.toString() }); // expect: error-details-in-response
}

// a webhook's caller is Stripe: its generic answer loses nothing, and is written in bulk
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function stripeWebhook(req: Request, res: Response) {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch (err: any) {
    console.error(err);
    return res.status(400).json({ error: { message: 'Bad request' } }); // expect: error-details-in-response
  }
  res.json({ received: event.id });
}

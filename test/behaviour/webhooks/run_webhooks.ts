/**
 * Replayed Stripe webhook deliveries against a Next.js app route (`export async function POST(req)`)
 * before and after the webhook-event-dedup codemod, with the real `stripe` package from npm. The
 * event is signed locally with Stripe's scheme (`stripe.webhooks.generateTestHeaderString`, no
 * network); the app's Prisma client is the in-memory stand-in of lib/db.ts (unique constraint
 * -> P2002). Deliveries: the same event twice in a row, another event twice at once, and a wrong
 * signature.
 *
 * usage: npx tsx run_webhooks.ts <before app dir> <after app dir>
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const SECRET = 'whsec_behaviour_test_secret';
const CREDITS = 100;
process.env.STRIPE_SECRET_KEY = 'sk_test_behaviour';
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
const failures: string[] = [];

function check(label: string, ok: boolean, detail = ''): void {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}${detail && !ok ? `: ${detail}` : ''}`);
  if (!ok) failures.push(label);
}

async function suite(dir: string, label: 'before' | 'after'): Promise<void> {
  const fixed = label === 'after';
  const route = await import(pathToFileURL(path.join(dir, 'app/api/stripe/route.ts')).href);
  const { db } = await import(pathToFileURL(path.join(dir, 'lib/db.ts')).href);
  const Stripe = createRequire(path.join(dir, 'package.json'))('stripe'); // the app's own copy
  const stripe = new Stripe('sk_test_behaviour');
  const signed = (id: string, customer: string, secret = SECRET) => {
    const payload = JSON.stringify({ id, object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_test_1', object: 'checkout.session', customer, metadata: { credits: String(CREDITS) } } } });
    return { payload, header: stripe.webhooks.generateTestHeaderString({ payload, secret }) };
  };
  const deliver = async ({ payload, header }: { payload: string; header: string }): Promise<number> =>
    (await route.POST(new Request('http://localhost/api/stripe', { method: 'POST', body: payload, headers: { 'stripe-signature': header } }))).status;
  const credits = async (c: string): Promise<number> => (await db.account.findUnique({ where: { customerId: c } })).credits;

  console.log(`webhooks (next.js) ${label}:`);
  await db.account.create({ data: { customerId: 'cus_seq' } });
  const one = signed('evt_seq_1', 'cus_seq');
  const codes = [await deliver(one), await deliver(one)];
  let got = await credits('cus_seq');
  console.log(`  ${label}: 2 deliveries of evt_seq_1 -> statuses [${codes.join(', ')}], account credited ${got / CREDITS} time(s) (${got} credits)`);
  check(`${label}: both deliveries answered 200`, codes.join() === '200,200', codes.join());
  check(`${label}: the account is credited ${fixed ? 'once' : 'twice (the bug)'}`, got === (fixed ? CREDITS : 2 * CREDITS), String(got));

  await db.account.create({ data: { customerId: 'cus_par' } });
  const two = signed('evt_par_1', 'cus_par');
  const par = await Promise.all([deliver(two), deliver(two)]);
  got = await credits('cus_par');
  console.log(`  ${label}: 2 concurrent deliveries of evt_par_1 -> statuses [${par.join(', ')}], account credited ${got / CREDITS} time(s) (${got} credits)`);
  check(`${label}: both concurrent deliveries answered 200`, par.join() === '200,200', par.join());
  check(`${label}: concurrent deliveries credit ${fixed ? 'once' : 'twice (the bug)'}`, got === (fixed ? CREDITS : 2 * CREDITS), String(got));

  await db.account.create({ data: { customerId: 'cus_bad' } });
  const bad = await deliver(signed('evt_bad_1', 'cus_bad', 'whsec_wrong'));
  check(`${label}: a wrong signature answers 400 and credits nothing`, bad === 400 && (await credits('cus_bad')) === 0, String(bad));
}

async function main(): Promise<void> {
  const [before, after] = process.argv.slice(2);
  await suite(path.resolve(before), 'before');
  await suite(path.resolve(after), 'after');
  if (failures.length) {
    console.log(`webhooks (next.js): ${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log('webhooks (next.js): all checks passed');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

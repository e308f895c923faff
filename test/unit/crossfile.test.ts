/**
 * Bindings across the project's own modules: a Stripe client or a Prisma client
 * created in one module and used in another is still recognised, and a
 * same-named object that is not Stripe is not.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ready, lintText } from '../harness';

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-xfile-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function findings(root: string, rel: string, rule: string): number[] {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, 'utf8');
  const res = lintText(file, text, { only: [rule] });
  return res.findings.filter((f) => f.ruleId === rule).map((f) => text.slice(0, f.start).split('\n').length);
}

describe('cross-file bindings', () => {
  before(ready);

  it('JS: a Stripe instance, default export and getter from lib/ modules (relative, @/ alias, require)', () => {
    const root = project({
      'tsconfig.json': '{}',
      'src/lib/stripe.ts': 'import Stripe from "stripe";\nexport const stripe = new Stripe(process.env.K!);\nlet c: Stripe | undefined;\nexport function getStripe() {\n  if (!c) c = new Stripe(process.env.K!);\n  return c;\n}\nexport default stripe;\n',
      'src/lib/pay.js': 'const Stripe = require("stripe");\nconst payments = Stripe(process.env.K);\nmodule.exports = { payments };\n',
      'src/lib/fake.ts': 'export const stripe = { paymentIntents: { create: async (x: unknown) => x } };\n',
      'src/app/api/pay/route.ts': [
        'import { stripe, getStripe } from "@/lib/stripe";',
        'import s2 from "../../../lib/stripe";',
        'const { payments } = require("../../../lib/pay");',
        'export async function POST(req: Request) {',
        '  const order = await req.json();',
        '  await stripe.paymentIntents.create({ amount: order.amount, currency: "usd" });',
        '  await getStripe().refunds.create({ payment_intent: order.pi });',
        '  await s2.checkout.sessions.create({ mode: "payment" });',
        '  await payments.charges.create({ amount: 1 });',
        '}',
        '',
      ].join('\n'),
      'src/app/api/fake/route.ts': 'import { stripe } from "../../../lib/fake";\nexport async function POST() {\n  await stripe.paymentIntents.create({});\n}\n',
    });
    assert.deepEqual(findings(root, 'src/app/api/pay/route.ts', 'stripe-idempotency-key'), [6, 7, 8, 9]);
    assert.deepEqual(findings(root, 'src/app/api/fake/route.ts', 'stripe-idempotency-key'), []);
  });

  it('Python: a StripeClient and a getter from another module (relative and absolute imports)', () => {
    const root = project({
      'shop/__init__.py': '',
      'shop/payments/__init__.py': '',
      'shop/payments/client.py': 'from django.conf import settings\nfrom stripe import StripeClient\nimport stripe as _stripe\n\nstripe_client = StripeClient(settings.STRIPE_KEY)\n\ndef get_stripe():\n    _stripe.api_key = settings.STRIPE_KEY\n    return _stripe\n',
      'shop/payments/fake.py': 'class _Fake:\n    def create(self, **kw):\n        return kw\n\nstripe_client = _Fake()\n',
      'shop/payments/views.py': [
        'from .client import stripe_client, get_stripe',
        'from shop.payments.client import stripe_client as sc',
        '',
        'def checkout(request, order):',
        '    stripe_client.payment_intents.create(params={"amount": order.total})',
        '    sc.refunds.create(params={"payment_intent": order.pi})',
        '    get_stripe().PaymentIntent.create(amount=order.total)',
        '',
      ].join('\n'),
      'shop/payments/other.py': 'from .fake import stripe_client\n\ndef f(order):\n    stripe_client.payment_intents.create(params={})\n',
    });
    assert.deepEqual(findings(root, 'shop/payments/views.py', 'stripe-idempotency-key'), [5, 6, 7]);
    assert.deepEqual(findings(root, 'shop/payments/other.py', 'stripe-idempotency-key'), []);
  });
});

// Deterministic generator of a realistic mixed backend corpus for the benchmark:
// Python (Django views/models/services, Flask blueprints, Celery tasks, with
// Stripe and requests calls) and TypeScript (Express routers, Next.js route
// handlers, Prisma services, axios/fetch clients). Same seed and size give the
// same bytes. Usage: node bench/corpus.mjs [--lines N] [--out DIR] [--seed S]
import * as fs from 'node:fs';
import * as path from 'node:path';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['order', 'invoice', 'ticket', 'booking', 'customer', 'account', 'payment', 'refund', 'coupon', 'seat',
  'event', 'subscription', 'product', 'cart', 'shipment', 'report', 'member', 'team', 'project', 'voucher', 'wallet', 'payout'];
const VERBS = ['create', 'update', 'cancel', 'refund', 'sync', 'export', 'reserve', 'confirm', 'archive', 'notify', 'import', 'settle'];
const FIELDS = ['status', 'amount', 'currency', 'quantity', 'email', 'name', 'created_at', 'updated_at', 'owner', 'reference', 'notes', 'balance'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

class Gen {
  constructor(seed) {
    this.r = mulberry32(seed);
  }
  pick(a) {
    return a[Math.floor(this.r() * a.length)];
  }
  int(lo, hi) {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  chance(p) {
    return this.r() < p;
  }
}

// ---------------------------------------------------------------- Python

function pyHeader(g, kind) {
  const lines = ['"""' + cap(kind) + ' for the ' + g.pick(NOUNS) + ' service."""', 'from __future__ import annotations', '', 'import logging', 'import json'];
  if (kind === 'views') {
    lines.push('from decimal import Decimal', '', 'import requests', 'import stripe', 'from django.conf import settings', 'from django.db import transaction',
      'from django.db.models import F, Q', 'from django.http import JsonResponse, HttpResponseBadRequest', 'from django.shortcuts import get_object_or_404',
      'from django.views.decorators.http import require_POST', 'from rest_framework import status, viewsets', 'from rest_framework.decorators import action, api_view',
      'from rest_framework.response import Response', '', 'from .models import ' + NOUNS.slice(0, 4).map(cap).join(', '));
  } else if (kind === 'models') {
    lines.push('', 'from django.db import models', 'from django.utils import timezone');
  } else if (kind === 'flask') {
    lines.push('', 'import requests as http', 'import stripe', 'from flask import Blueprint, jsonify, request, abort', 'from sqlalchemy import select', '',
      'bp = Blueprint("' + g.pick(NOUNS) + '", __name__)');
  } else {
    lines.push('import time', '', 'import requests', 'import stripe', 'from celery import shared_task', 'from stripe import StripeClient', '',
      'client = StripeClient(settings.STRIPE_SECRET_KEY) if False else None', 'session = requests.Session()');
  }
  lines.push('', 'logger = logging.getLogger(__name__)', '', '');
  return lines;
}

function pyModel(g, noun) {
  const out = [`class ${cap(noun)}(models.Model):`, `    """A ${noun} as stored in the database."""`, ''];
  const n = g.int(4, 9);
  for (let i = 0; i < n; i++) {
    const f = g.pick(FIELDS) + (i ? `_${i}` : '');
    const t = g.pick([
      'models.CharField(max_length=120, blank=True)',
      'models.DecimalField(max_digits=12, decimal_places=2, default=0)',
      'models.IntegerField(default=0)',
      'models.DateTimeField(default=timezone.now)',
      "models.ForeignKey('auth.User', on_delete=models.CASCADE, related_name='+')",
      'models.BooleanField(default=False)',
      'models.JSONField(default=dict)',
    ]);
    out.push(`    ${f} = ${t}`);
  }
  out.push('', '    class Meta:', `        ordering = ["-created_at"]`, `        indexes = [models.Index(fields=["status"])]`, '');
  out.push('    def __str__(self) -> str:', `        return f"${cap(noun)} {self.pk}"`, '');
  out.push('    @property', '    def is_open(self) -> bool:', '        return self.status in {"open", "pending"}', '', '');
  return out;
}

function pyView(g, noun, i) {
  const verb = g.pick(VERBS);
  const fn = `${verb}_${noun}_${i}`;
  const M = cap(g.pick(NOUNS.slice(0, 4)));
  const variants = [
    () => [
      '@require_POST',
      `def ${fn}(request, pk):`,
      `    """${cap(verb)} a ${noun} and charge the customer."""`,
      `    obj = get_object_or_404(${M}, pk=pk)`,
      '    if obj.status != "open":',
      '        return HttpResponseBadRequest("not open")',
      '    try:',
      '        intent = stripe.PaymentIntent.create(',
      '            amount=int(obj.amount * 100),',
      '            currency=obj.currency,',
      '            customer=request.user.stripe_customer_id,',
      `            metadata={"${noun}_id": obj.pk},`,
      '        )',
      '    except stripe.error.CardError as exc:',
      '        logger.warning("card declined: %s", exc)',
      '        return JsonResponse({"error": "card declined"}, status=402)',
      '    obj.status = "paid"',
      '    obj.reference = intent.id',
      '    obj.save(update_fields=["status", "reference"])',
      '    return JsonResponse({"id": obj.pk, "status": obj.status})',
    ],
    () => [
      `def ${fn}(request):`,
      `    rates = requests.get(settings.RATES_URL, params={"base": "EUR"}${g.chance(0.5) ? ', timeout=5' : ''}).json()`,
      '    total = Decimal("0")',
      `    for item in ${M}.objects.filter(owner=request.user).select_related("owner"):`,
      '        rate = Decimal(str(rates.get(item.currency, 1)))',
      '        total += item.amount * rate',
      '        if total > Decimal("10000"):',
      '            logger.info("large basket for %s", request.user.pk)',
      '    return JsonResponse({"total": str(total), "count": len(rates)})',
    ],
    () => [
      `class ${cap(noun)}${i}ViewSet(viewsets.ModelViewSet):`,
      `    queryset = ${M}.objects.all()`,
      '    permission_classes = []',
      '',
      '    def get_queryset(self):',
      '        qs = super().get_queryset()',
      '        if self.request.query_params.get("open"):',
      '            qs = qs.filter(Q(status="open") | Q(status="pending"))',
      '        return qs.order_by("-created_at")',
      '',
      '    @action(detail=True, methods=["post"])',
      `    def ${verb}(self, request, pk=None):`,
      '        obj = self.get_object()',
      '        with transaction.atomic():',
      `            locked = ${M}.objects.select_for_update().get(pk=obj.pk)`,
      '            locked.quantity = F("quantity") - 1',
      '            locked.save(update_fields=["quantity"])',
      '        return Response({"ok": True}, status=status.HTTP_200_OK)',
    ],
    () => [
      '@api_view(["POST"])',
      `def ${fn}(request):`,
      '    payload = json.loads(request.body or b"{}")',
      '    errors = {}',
      `    for key in (${FIELDS.slice(0, 4).map((f) => `"${f}"`).join(', ')}):`,
      '        if key not in payload:',
      '            errors[key] = "required"',
      '    if errors:',
      '        return Response(errors, status=status.HTTP_400_BAD_REQUEST)',
      `    item = ${M}.objects.create(**{k: payload[k] for k in payload if k in ("status", "amount")})`,
      '    try:',
      '        stripe.Refund.create(payment_intent=payload.get("intent"), idempotency_key=f"refund-{item.pk}")',
      '    except Exception as e:',
      '        logger.error("refund failed: %s", e)',
      '        return Response({"error": str(e)}, status=500)',
      '    return Response({"id": item.pk}, status=status.HTTP_201_CREATED)',
    ],
  ];
  return [...g.pick(variants)(), '', ''];
}

function pyFlask(g, noun, i) {
  const verb = g.pick(VERBS);
  return [
    `@bp.route("/${noun}s/<int:item_id>/${verb}", methods=["POST"])`,
    `def ${verb}_${noun}_${i}(item_id):`,
    '    data = request.get_json(silent=True) or {}',
    '    if "amount" not in data:',
    '        abort(400)',
    `    row = db.session.execute(select(${cap(noun)}).where(${cap(noun)}.id == item_id)).scalar_one_or_none()`,
    '    if row is None:',
    '        abort(404)',
    `    resp = http.post("https://hooks.example.com/${noun}", json={"id": item_id, "amount": data["amount"]}${g.chance(0.6) ? ', timeout=10' : ''})`,
    '    if resp.status_code >= 400:',
    '        return jsonify({"error": "upstream"}), 502',
    '    charge = stripe.Charge.create(amount=data["amount"], currency="usd", source=data.get("token"))',
    '    row.reference = charge["id"]',
    '    db.session.commit()',
    '    return jsonify({"ok": True, "reference": row.reference})',
    '',
    '',
  ];
}

function pyTask(g, noun, i) {
  const verb = g.pick(VERBS);
  return [
    '@shared_task(bind=True, max_retries=3)',
    `def ${verb}_${noun}_task_${i}(self, ${noun}_id):`,
    `    """Background job: ${verb} one ${noun}."""`,
    '    started = time.monotonic()',
    '    try:',
    `        resp = session.get(f"https://api.partner.example/${noun}s/{${noun}_id}")`,
    '        resp.raise_for_status()',
    '    except requests.RequestException as exc:',
    '        raise self.retry(exc=exc, countdown=2 ** self.request.retries)',
    '    body = resp.json()',
    '    items = [x for x in body.get("items", []) if x.get("active")]',
    '    for item in items:',
    '        logger.debug("item %s", item.get("id"))',
    '    elapsed = time.monotonic() - started',
    '    return {"count": len(items), "elapsed": elapsed}',
    '',
    '',
  ];
}

function pythonFile(g, target) {
  const kind = g.pick(['views', 'views', 'models', 'flask', 'tasks']);
  const out = pyHeader(g, kind);
  let i = 0;
  while (out.length < target) {
    const noun = g.pick(NOUNS);
    if (kind === 'models') out.push(...pyModel(g, noun));
    else if (kind === 'views') out.push(...pyView(g, noun, i));
    else if (kind === 'flask') out.push(...pyFlask(g, noun, i));
    else out.push(...pyTask(g, noun, i));
    i++;
  }
  return { kind, text: out.join('\n') + '\n' };
}

// ---------------------------------------------------------------- TypeScript

function tsHeader(g, kind) {
  const lines = [`// ${cap(kind)} for the ${g.pick(NOUNS)} service.`];
  if (kind === 'express') {
    lines.push("import express, { Request, Response, NextFunction } from 'express';", "import Stripe from 'stripe';", "import axios from 'axios';",
      "import { PrismaClient, Prisma } from '@prisma/client';", "import { z } from 'zod';", '',
      'const router = express.Router();', 'const prisma = new PrismaClient();', 'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);',
      "const api = axios.create({ baseURL: process.env.PARTNER_URL });");
  } else if (kind === 'next') {
    lines.push("import { NextRequest, NextResponse } from 'next/server';", "import Stripe from 'stripe';", "import { prisma } from '@/lib/prisma';", '',
      'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);', "export const runtime = 'nodejs';");
  } else {
    lines.push("import { PrismaClient } from '@prisma/client';", "import axios, { AxiosInstance } from 'axios';", "import Stripe from 'stripe';", '',
      'export interface Options {', '  retries: number;', '  baseUrl: string;', '}');
  }
  lines.push('', "const log = (msg: string, extra?: Record<string, unknown>) => console.log(JSON.stringify({ msg, ...extra }));", '');
  return lines;
}

function tsExpress(g, noun, i) {
  const verb = g.pick(VERBS);
  const v = g.int(0, 2);
  if (v === 0) {
    return [
      `const ${camel(noun)}Schema${i} = z.object({`,
      '  amount: z.number().int().positive(),',
      "  currency: z.string().length(3).default('usd'),",
      '  note: z.string().max(500).optional(),',
      '});',
      '',
      `router.post('/${noun}s/:id/${verb}', async (req: Request, res: Response, next: NextFunction) => {`,
      '  try {',
      `    const body = ${camel(noun)}Schema${i}.parse(req.body);`,
      `    const row = await prisma.${camel(noun)}.findUnique({ where: { id: req.params.id } });`,
      "    if (!row) return res.status(404).json({ error: 'not found' });",
      '    const intent = await stripe.paymentIntents.create({',
      '      amount: body.amount,',
      '      currency: body.currency,',
      `      metadata: { ${camel(noun)}Id: row.id },`,
      '    });',
      `    await prisma.${camel(noun)}.update({ where: { id: row.id }, data: { reference: intent.id, status: 'paid' } });`,
      '    res.json({ id: row.id, clientSecret: intent.client_secret });',
      '  } catch (err) {',
      '    next(err);',
      '  }',
      '});',
      '',
    ];
  }
  if (v === 1) {
    return [
      `router.get('/${noun}s', async (req: Request, res: Response) => {`,
      "  const page = Number(req.query.page ?? '1');",
      `  const rows = await prisma.${camel(noun)}.findMany({`,
      "    where: { status: { in: ['open', 'pending'] } },",
      "    orderBy: { createdAt: 'desc' },",
      '    skip: (page - 1) * 50,',
      '    take: 50,',
      '  });',
      `  const { data } = await api.get('/${noun}s/stats'${g.chance(0.5) ? ', { timeout: 5000 }' : ''});`,
      '  res.json({ rows, stats: data, page });',
      '});',
      '',
    ];
  }
  return [
    `router.delete('/${noun}s/:id', async (req: Request, res: Response) => {`,
    '  try {',
    `    await prisma.$transaction(async (tx: Prisma.TransactionClient) => {`,
    `      const row = await tx.${camel(noun)}.findUniqueOrThrow({ where: { id: req.params.id } });`,
    "      if (row.status === 'archived') throw new Error('already archived');",
    `      await tx.${camel(noun)}.update({ where: { id: row.id }, data: { status: 'archived' } });`,
    '    });',
    '    res.status(204).end();',
    '  } catch (e: any) {',
    "    res.status(500).json({ error: e.message });",
    '  }',
    '});',
    '',
  ];
}

function tsNext(g, noun, i) {
  const verb = g.pick(VERBS);
  return [
    `export async function ${g.pick(['POST', 'PUT', 'PATCH'])}${i === 0 ? '' : `_${verb}${i}`}(req: NextRequest) {`,
    '  const body = await req.json();',
    `  const ${camel(noun)} = await prisma.${camel(noun)}.findFirst({ where: { id: body.id, ownerId: body.userId } });`,
    `  if (!${camel(noun)}) {`,
    "    return NextResponse.json({ error: 'not found' }, { status: 404 });",
    '  }',
    `  const upstream = await fetch(\`\${process.env.PARTNER_URL}/${noun}s/\${body.id}\`${g.chance(0.5) ? ', { signal: AbortSignal.timeout(5000) }' : ''});`,
    '  if (!upstream.ok) {',
    "    return NextResponse.json({ error: 'upstream failed' }, { status: 502 });",
    '  }',
    '  const created = await stripe.refunds.create({ payment_intent: body.intent });',
    `  await prisma.${camel(noun)}.update({ where: { id: ${camel(noun)}.id }, data: { refundId: created.id } });`,
    '  return NextResponse.json({ ok: true, refund: created.id });',
    '}',
    '',
  ];
}

function tsService(g, noun, i) {
  const C = `${cap(camel(noun))}Service${i}`;
  return [
    `export class ${C} {`,
    '  private readonly http: AxiosInstance;',
    '',
    '  constructor(private readonly prisma: PrismaClient, private readonly stripe: Stripe, private readonly opts: Options) {',
    `    this.http = axios.create({ baseURL: opts.baseUrl${g.chance(0.5) ? ', timeout: 10_000' : ''} });`,
    '  }',
    '',
    `  async ${g.pick(VERBS)}(id: string): Promise<{ ok: boolean; attempts: number }> {`,
    '    let attempts = 0;',
    '    while (attempts < this.opts.retries) {',
    '      attempts++;',
    '      try {',
    `        const { data } = await this.http.post(\`/${noun}s/\${id}\`, { id });`,
    `        await this.prisma.${camel(noun)}.update({ where: { id }, data: { synced: true, payload: data } });`,
    '        return { ok: true, attempts };',
    '      } catch (err) {',
    `        log('sync failed', { id, attempts, err: String(err) });`,
    '        await new Promise((r) => setTimeout(r, 2 ** attempts * 100));',
    '      }',
    '    }',
    '    return { ok: false, attempts };',
    '  }',
    '',
    '  async total(ownerId: string): Promise<number> {',
    `    const rows = await this.prisma.${camel(noun)}.findMany({ where: { ownerId }, select: { amount: true } });`,
    '    return rows.reduce((sum, r) => sum + Number(r.amount), 0);',
    '  }',
    '}',
    '',
  ];
}

function tsFile(g, target) {
  const kind = g.pick(['express', 'express', 'next', 'service']);
  const out = tsHeader(g, kind);
  let i = 0;
  while (out.length < target) {
    const noun = g.pick(NOUNS);
    if (kind === 'express') out.push(...tsExpress(g, noun, i));
    else if (kind === 'next') out.push(...tsNext(g, noun, i));
    else out.push(...tsService(g, noun, i));
    i++;
  }
  if (kind === 'express') out.push('export default router;');
  return { kind, text: out.join('\n') + '\n' };
}

// ---------------------------------------------------------------- corpus

/** Writes the corpus; returns a summary. Python and TypeScript get about half the lines each. */
export function generateCorpus({ lines = 800_000, out, seed = 20240917 }) {
  const g = new Gen(seed);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  // the corpus is its own workspace: config at its root, so the parent repository's .gitignore does not apply
  fs.writeFileSync(path.join(out, '.shipguard.json'), '{}\n');
  let total = 0;
  const perLang = { python: { files: 0, lines: 0 }, typescript: { files: 0, lines: 0 } };
  let n = 0;
  while (total < lines) {
    const py = perLang.python.lines <= perLang.typescript.lines;
    const target = g.int(60, 700);
    const { kind, text } = py ? pythonFile(g, target) : tsFile(g, target);
    const app = `app${Math.floor(n / 40)}`;
    const dir = py ? path.join(out, 'backend', app) : path.join(out, 'web', app, kind === 'next' ? `api/${g.pick(NOUNS)}${n}` : '');
    fs.mkdirSync(dir, { recursive: true });
    const name = py ? `${kind}_${n}.py` : kind === 'next' ? 'route.ts' : `${kind}${n}.ts`;
    fs.writeFileSync(path.join(dir, name), text);
    const count = text.split('\n').length - 1;
    const lang = py ? perLang.python : perLang.typescript;
    lang.files++;
    lang.lines += count;
    total += count;
    n++;
  }
  const meta = { seed, requestedLines: lines, lines: total, files: n, perLang };
  fs.writeFileSync(path.join(out, '.corpus.json'), JSON.stringify(meta, null, 2) + '\n');
  return meta;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const meta = generateCorpus({
    lines: Number(arg('--lines', '800000')),
    out: path.resolve(arg('--out', path.join(path.dirname(new URL(import.meta.url).pathname), 'corpus'))),
    seed: Number(arg('--seed', '20240917')),
  });
  console.log(JSON.stringify(meta));
}

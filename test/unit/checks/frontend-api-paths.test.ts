import * as assert from 'node:assert/strict';
import { frontendApiPaths } from '../../../server/src/checks/frontend-api-paths';
import { run, where } from './helpers';

const DJANGO = {
  'backend/manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n',
  'backend/requirements.txt': 'Django>=4.2\ndjangorestframework>=3.14\n',
  'backend/config/__init__.py': '',
  'backend/config/settings.py': 'INSTALLED_APPS = ["rest_framework", "notifications"]\nROOT_URLCONF = "config.urls"\nDEBUG = False\n',
  'backend/config/urls.py': 'from django.urls import include, path\n\nurlpatterns = [\n    path("api/", include("notifications.urls")),\n    path("api/auth/", include("dj_rest_auth.urls")),\n]\n',
  'backend/notifications/__init__.py': '',
  'backend/notifications/urls.py': 'from rest_framework.routers import DefaultRouter\nfrom .views import NotificationViewSet\n\nrouter = DefaultRouter()\nrouter.register(r"notifications", NotificationViewSet, basename="notification")\n\nurlpatterns = router.urls\n',
};

const views = (decorator: string) => `from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response


class NotificationViewSet(viewsets.ModelViewSet):
    ${decorator}
    def unread_count(self, request):
        return Response({"count": 0})

    @action(detail=True, methods=["post"])
    def mark_read(self, request, pk=None):
        return Response(status=204)
`;

const FRONT = (body: string) => ({
  'frontend/package.json': '{"name":"web","dependencies":{"react":"^18.0.0","axios":"^1.7.0"}}',
  'frontend/src/api/notifications.ts': body,
});

describe('check frontend-api-path-unserved', () => {
  it('reports a kebab-case call to a DRF action served with underscores (seed 000 #6), on the call', async () => {
    const f = await run(frontendApiPaths, {
      ...DJANGO,
      'backend/notifications/views.py': views('@action(detail=False, methods=["get"])'),
      ...FRONT('export async function unreadCount(): Promise<number> {\n  const res = await fetch("/api/notifications/unread-count/");\n  return (await res.json()).count;\n}\n'),
    });
    assert.deepEqual(where(f), ['frontend/src/api/notifications.ts:2']);
    assert.match(f[0].message, /unread_count/);
  });

  it('is silent when the action has url_path="unread-count"', async () => {
    const f = await run(frontendApiPaths, {
      ...DJANGO,
      'backend/notifications/views.py': views('@action(detail=False, methods=["get"], url_path="unread-count")'),
      ...FRONT('export const unread = () => fetch("/api/notifications/unread-count/");\n'),
    });
    assert.deepEqual(f, []);
  });

  it('matches router list/detail routes, detail actions, template params and query strings', async () => {
    const f = await run(frontendApiPaths, {
      ...DJANGO,
      'backend/notifications/views.py': views('@action(detail=False)'),
      ...FRONT(
        'import axios from "axios";\n' +
          'export const list = () => axios.get("/api/notifications/?page=2");\n' +
          'export const one = (id: number) => axios.get(`/api/notifications/${id}/`);\n' +
          'export const read = (id: number) => axios.post(`/api/notifications/${id}/mark_read/`);\n' +
          'export const count = () => fetch(`${import.meta.env.VITE_API_URL}/api/notifications/unread_count`);\n' +
          'export const login = (body: unknown) => axios.post("/api/auth/login/", body);\n',
      ),
    });
    assert.deepEqual(f, []);
  });

  it('reports through an axios instance with a baseURL; a path only a router\'s <pk> takes is left alone without a near miss', async () => {
    const f = await run(frontendApiPaths, {
      ...DJANGO,
      'backend/notifications/views.py': views('@action(detail=False)'),
      'frontend/package.json': '{"name":"web","dependencies":{"axios":"^1.7.0"}}',
      'frontend/src/lib/http.ts': 'import axios from "axios";\nexport const api = axios.create({ baseURL: "/api", timeout: 5000 });\n',
      'frontend/src/features/inbox.ts': 'import { api } from "../lib/http";\n\nexport const markRead = (id: number) => api.post(`/notifications/${id}/mark-read/`);\nexport const ok = () => api.get("/notifications/unread_count/");\nexport const markAll = () => api.post("/notifications/mark-all-read/");\n',
    });
    assert.deepEqual(where(f), ['frontend/src/features/inbox.ts:3']);
  });

  it('says nothing without a backend, about other origins, or about paths the backend does not own', async () => {
    assert.deepEqual(await run(frontendApiPaths, FRONT('export const x = () => fetch("/api/notifications/unread-count/");\n')), []);
    const f = await run(frontendApiPaths, {
      ...DJANGO,
      'backend/notifications/views.py': views('@action(detail=False)'),
      ...FRONT('export const a = () => fetch("https://api.github.com/repos/x/y/issues");\nexport const b = () => fetch("/media/exports/latest.json");\nexport const c = () => fetch("/cdn-cgi/trace");\n'),
    });
    assert.deepEqual(f, []);
  });

  it('says nothing when a backend cannot be read (FastAPI) or a Next.js config rewrites', async () => {
    const fast = await run(frontendApiPaths, {
      'api/requirements.txt': 'fastapi\n',
      'api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/api/items")\ndef items():\n    return []\n',
      ...FRONT('export const x = () => fetch("/api/itemz/");\n'),
    });
    assert.deepEqual(fast, []);
    const next = await run(frontendApiPaths, {
      'package.json': '{"dependencies":{"next":"14.2.0","react":"18.3.0"}}',
      'next.config.js': 'module.exports = { async rewrites() { return [{ source: "/api/:path*", destination: "http://backend:8000/api/:path*" }]; } };\n',
      'app/api/users/[id]/route.ts': 'export async function GET() { return Response.json({}); }\n',
      'app/page.tsx': '"use client";\nexport default function P() { fetch("/api/userz/1"); return null; }\n',
    });
    assert.deepEqual(next, []);
  });

  it('reads Next.js route handlers and pages/api', async () => {
    const f = await run(frontendApiPaths, {
      'package.json': '{"dependencies":{"next":"14.2.0","react":"18.3.0"}}',
      'src/app/api/users/[id]/route.ts': 'export async function GET() { return Response.json({}); }\n',
      'src/pages/api/health.ts': 'export default function h(req, res) { res.json({ ok: true }); }\n',
      'src/app/(shop)/cart/page.tsx': '"use client";\nexport default function Cart({ id }: { id: string }) {\n  fetch(`/api/users/${id}`);\n  fetch("/api/health");\n  fetch("/api/cart/items");\n  return null;\n}\n',
    });
    // /api/cart/items: the parent /api/cart/ starts no route
    assert.deepEqual(f, []);
    const g = await run(frontendApiPaths, {
      'package.json': '{"dependencies":{"next":"14.2.0","react":"18.3.0"}}',
      'app/api/users/[id]/route.ts': 'export async function GET() { return Response.json({}); }\n',
      'components/Profile.tsx': '"use client";\nexport function Profile() {\n  fetch("/api/users/me/preferences");\n  return null;\n}\n',
    });
    // /api/users/me/ matches /api/users/[id] only through the parameter: not owned clearly enough
    assert.deepEqual(g, []);
  });

  it('reads Express routers mounted under a prefix', async () => {
    const files = {
      'server/package.json': '{"dependencies":{"express":"^4.19.0"}}',
      'server/src/app.ts': 'import express from "express";\nimport { ordersRouter } from "./routes/orders";\nconst app = express();\napp.use(express.json());\napp.use("/api", ordersRouter);\napp.listen(3000);\n',
      'server/src/routes/orders.ts': 'import { Router } from "express";\nexport const ordersRouter = Router();\nordersRouter.get("/orders/:id", (req, res) => res.json({}));\nordersRouter.post("/orders/:id/cancel", (req, res) => res.json({}));\n',
      'web/package.json': '{"dependencies":{"react":"^18.0.0"}}',
    };
    const bad = await run(frontendApiPaths, { ...files, 'web/src/orders.js': 'export const cancel = (id) => fetch(`/api/orders/${id}/cancel-order`, { method: "POST" });\n' });
    assert.deepEqual(where(bad), ['web/src/orders.js:1']);
    const good = await run(frontendApiPaths, { ...files, 'web/src/orders.js': 'export const cancel = (id) => fetch("/api/orders/" + id + "/cancel", { method: "POST" });\n' });
    assert.deepEqual(good, []);
  });

  it('reads Flask blueprints with their url_prefix, and skips test code', async () => {
    const files = {
      'billing/requirements.txt': 'Flask>=3.0\n',
      'billing/app.py': 'from flask import Flask\nfrom invoices import bp\n\napp = Flask(__name__)\napp.register_blueprint(bp, url_prefix="/api/v1")\n',
      'billing/invoices.py': 'from flask import Blueprint\n\nbp = Blueprint("invoices", __name__)\n\n@bp.get("/invoices/<int:invoice_id>")\ndef show(invoice_id):\n    return {}\n',
      'ui/package.json': '{"dependencies":{"vue":"^3.4.0"}}',
      'ui/src/components/Invoice.vue': '<template><div/></template>\n<script setup lang="ts">\nconst load = (id: number) => fetch(`/api/v1/invoice/${id}`);\nconst ok = (id: number) => fetch(`/api/v1/invoices/${id}`);\n</script>\n',
      'ui/src/components/Invoice.test.ts': 'import { it } from "vitest";\nit("x", () => fetch("/api/v1/nothing-here"));\n',
    };
    const f = await run(frontendApiPaths, files);
    assert.deepEqual(where(f), ['ui/src/components/Invoice.vue:3']);
  });
});

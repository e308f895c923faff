/** The JS/TS endpoint model: Express mounts across files, Next.js Pages Router API routes, NestJS controllers. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { ready } from '../harness';
import { JsBindings } from '../../server/src/lang/js/bindings';
import { expressRoute, expressUseLimits, mountedPath, nestEndpoints, pagesApiEndpoints, type JsEndpoint } from '../../server/src/lang/endpoints/js';

before(ready);

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-endpoints-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function source(file: string): { sf: ts.SourceFile; b: JsBindings } {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  return { sf, b: new JsBindings(sf) };
}

function expressRoutes(file: string): JsEndpoint[] {
  const { sf, b } = source(file);
  const out: JsEndpoint[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const e = expressRoute(n, b, true);
      if (e) out.push(e);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const AUTH_ROUTE = "const express = require('express');\nconst c = require('./c');\nconst router = express.Router();\nrouter.post('/login', c.login);\nmodule.exports = router;\n";

describe('JS endpoint model', () => {
  it('resolves an Express router mounted two levels deep through a route table, and the path-scoped limiter in production', () => {
    const dir = project({
      'package.json': '{}',
      'src/app.js': "const express = require('express');\nconst rateLimit = require('express-rate-limit');\nconst routes = require('./routes/v1');\nconst app = express();\nconst authLimiter = rateLimit({ max: 20 });\nif (config.env === 'production') {\n  app.use('/v1/auth', authLimiter);\n}\napp.use('/v1', routes);\n",
      'src/routes/v1/index.js': "const express = require('express');\nconst authRoute = require('./auth.route');\nconst router = express.Router();\nconst defaultRoutes = [{ path: '/auth', route: authRoute }];\ndefaultRoutes.forEach((route) => {\n  router.use(route.path, route.route);\n});\nmodule.exports = router;\n",
      'src/routes/v1/auth.route.js': AUTH_ROUTE,
    });
    const file = path.join(dir, 'src/routes/v1/auth.route.js');
    const [e] = expressRoutes(file);
    assert.equal(mountedPath(file, '/login'), '/v1/auth/login');
    assert.deepEqual(expressUseLimits(e, source(file).b), [{ kind: 'use', by: 'authLimiter' }]);
  });

  it('a limiter used only outside production, or on another prefix, does not limit the mounted route', () => {
    for (const guard of ["if (process.env.NODE_ENV !== 'production') {\n  app.use('/v1/auth', authLimiter);\n}", "app.use('/v1/users', authLimiter);"]) {
      const dir = project({
        'package.json': '{}',
        'src/app.js': `const express = require('express');\nconst rateLimit = require('express-rate-limit');\nconst routes = require('./routes/v1');\nconst app = express();\nconst authLimiter = rateLimit({ max: 20 });\n${guard}\napp.use('/v1', routes);\n`,
        'src/routes/v1/index.js': "const express = require('express');\nconst authRoute = require('./auth.route');\nconst router = express.Router();\nrouter.use('/auth', authRoute);\nmodule.exports = router;\n",
        'src/routes/v1/auth.route.js': AUTH_ROUTE,
      });
      const file = path.join(dir, 'src/routes/v1/auth.route.js');
      const [e] = expressRoutes(file);
      assert.equal(mountedPath(file, '/login'), '/v1/auth/login');
      assert.deepEqual(expressUseLimits(e, source(file).b), [], guard);
    }
  });

  it('reads a Pages Router API route: path from the file, methods from req.method tests or all', () => {
    const dir = project({
      'package.json': '{}',
      'pages/api/auth/forgot-password.ts': "export default async function handler(req, res) {\n  switch (req.method) {\n    case 'POST':\n      return res.json({});\n    default:\n      res.status(405).end();\n  }\n}\n",
      'pages/api/users/index.js': 'async function users(req, res) { res.json([]); }\nexport default withErrors(users);\n',
      'pages/api/_lib.ts': 'export default function x() {}\n',
    });
    const [a] = pagesApiEndpoints(source(path.join(dir, 'pages/api/auth/forgot-password.ts')).sf, source(path.join(dir, 'pages/api/auth/forgot-password.ts')).b);
    assert.deepEqual([a.paths, a.methods, a.handler], [['/api/auth/forgot-password'], ['POST'], 'handler']);
    const u = source(path.join(dir, 'pages/api/users/index.js'));
    const [b] = pagesApiEndpoints(u.sf, u.b);
    assert.deepEqual([b.paths, b.methods, b.handler], [['/api/users'], ['*'], 'users']);
    const l = source(path.join(dir, 'pages/api/_lib.ts'));
    assert.deepEqual(pagesApiEndpoints(l.sf, l.b), []);
  });

  it('reads NestJS controllers: joined path, global prefix, throttles, skips, auth guards', () => {
    const dir = project({
      'package.json': '{}',
      'src/main.ts': "async function bootstrap() { const app = await NestFactory.create(AppModule); app.setGlobalPrefix('api'); }\n",
      'src/auth.controller.ts': [
        "import { Controller, Post, UseGuards } from '@nestjs/common';",
        "import { Throttle, SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';",
        "import { AuthGuard } from '@nestjs/passport';",
        "@Controller({ path: 'auth', version: '1' })",
        'export class AuthController {',
        "  @Post('email/login') login() {}",
        "  @Throttle({ default: { limit: 3, ttl: 60000 } }) @Post('otp') otp() {}",
        "  @UseGuards(AuthGuard('jwt')) @Post('password') password() {}",
        '}',
        "@UseGuards(ThrottlerGuard) @Controller('magic')",
        'export class MagicController {',
        "  @Post('signin') signin() {}",
        "  @SkipThrottle() @Post('verify') verify() {}",
        '}',
      ].join('\n'),
    });
    const s = source(path.join(dir, 'src/auth.controller.ts'));
    const got = nestEndpoints(s.sf, s.b).map((e) => ({ h: e.handler, p: e.paths[0], m: e.methods.join(), lim: e.limits.map((l) => l.kind).join(), auth: !!e.authenticated, exempt: e.exempt }));
    assert.deepEqual(got, [
      { h: 'login', p: '/api/auth/email/login', m: 'POST', lim: '', auth: false, exempt: false },
      { h: 'otp', p: '/api/auth/otp', m: 'POST', lim: 'decorator', auth: false, exempt: false },
      { h: 'password', p: '/api/auth/password', m: 'POST', lim: '', auth: true, exempt: false },
      { h: 'signin', p: '/api/magic/signin', m: 'POST', lim: 'class', auth: false, exempt: false },
      { h: 'verify', p: '/api/magic/verify', m: 'POST', lim: '', auth: false, exempt: true },
    ]);
  });

  it('a ThrottlerGuard registered as APP_GUARD in any module limits every controller', () => {
    const dir = project({
      'package.json': '{}',
      'src/app.module.ts': "@Module({ providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }] })\nexport class AppModule {}\n",
      'src/auth.controller.ts': "@Controller('auth')\nexport class AuthController {\n  @Post('login') login() {}\n}\n",
    });
    const s = source(path.join(dir, 'src/auth.controller.ts'));
    assert.deepEqual(nestEndpoints(s.sf, s.b)[0].limits, [{ kind: 'default', by: 'ThrottlerGuard' }]);
  });
});

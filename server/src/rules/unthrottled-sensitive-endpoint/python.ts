/**
 * unthrottled-sensitive-endpoint, Python: DRF, Django and Flask endpoints of the
 * file (lang/endpoints/python.ts) whose name or route is sensitive and that no
 * decorator, class attribute, middleware or project default limits.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { drfDefaultAuthenticated, pythonEndpoints, projectLimits, pyProject } from '../../lang/endpoints/python';
import { sensitiveMatch } from '../../lang/endpoints/model';
import { isPythonTestCode } from '../../lang/scope';
import { message, unthrottled } from './shared';
import { pythonFixes } from '../../../../codemods/python/unthrottled-sensitive-endpoint';

/** A module inside a `tests` package: Python's convention for the test suite (its settings, fixtures, example apps). */
const PY_TESTS_PACKAGE = /(^|[\\/])tests[\\/]/;

export const python: PyDetector = {
  nodeTypes: ['module'],
  requires: [
    // endpoints are functions or classes; their names or routes may come from other files
    /\bdef\s|\bclass\s|add_url_rule/,
    // and they are declared through these (views, routes, decorators); other modules have none
    /View|api_view|route|\brequest\b|add_url_rule|Resource|\.(post|put|patch|delete|get)\s*\(/,
  ],
  // not in test files, nor in apps under a `tests` package (a test suite's example project: dj-stripe's tests/apps)
  mayFire: (file) => !isPythonTestCode(file.path, file.text) && !PY_TESTS_PACKAGE.test(file.path),
  visit(node: Node, ctx: PyContext) {
    const project = pyProject(ctx.file.path);
    const fragments = ctx.config.sensitiveEndpoints;
    // names first: no base class or decorator is resolved for a definition no sensitive name can reach
    const interesting = (names: string[]): boolean => sensitiveMatch(names, fragments) !== null;
    for (const e of pythonEndpoints(node, ctx.bindings, ctx.file.path, project, interesting)) {
      // a webhook verifies the provider's signature: the provider, not a script, calls it
      if (/\bconstruct_event\s*\(|Stripe-Signature|HTTP_STRIPE_SIGNATURE|verify_webhook/i.test(e.node.text)) continue;
      // DRF views without permission_classes of their own get the project's DEFAULT_PERMISSION_CLASSES
      if (e.framework === 'drf' && e.authenticated === undefined && drfDefaultAuthenticated(project)) e.authenticated = true;
      const v = unthrottled(e, projectLimits(e, project), ctx.config.sensitiveEndpoints);
      if (!v) continue;
      ctx.report({ node: e.node, start: e.start, end: e.end, message: message(e, v), fixes: () => pythonFixes(ctx.file, e, v.fragment, project) });
    }
  },
};

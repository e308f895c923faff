/**
 * unthrottled-sensitive-endpoint, Python: DRF, Django and Flask endpoints of the
 * file (lang/endpoints/python.ts) whose name or route is sensitive and that no
 * decorator, class attribute, middleware or project default limits.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { pythonEndpoints, projectLimits, pyProject } from '../../lang/endpoints/python';
import { isPythonTestCode } from '../request-without-timeout/scope';
import { message, unthrottled } from './shared';
import { pythonFixes } from '../../../../codemods/python/unthrottled-sensitive-endpoint';

export const python: PyDetector = {
  nodeTypes: ['module'],
  // endpoints are functions or classes; their names or routes may come from other files
  requires: /\bdef\s|\bclass\s|add_url_rule/,
  visit(node: Node, ctx: PyContext) {
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    const project = pyProject(ctx.file.path);
    for (const e of pythonEndpoints(node, ctx.bindings, ctx.file.path, project)) {
      const v = unthrottled(e, projectLimits(e, project), ctx.config.sensitiveEndpoints);
      if (!v) continue;
      ctx.report({ node: e.node, start: e.start, end: e.end, message: message(e, v), fixes: () => pythonFixes(ctx.file, e, v.fragment, project) });
    }
  },
};

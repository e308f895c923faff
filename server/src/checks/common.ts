/** What the "no X configured" checks share: the backends they judge and where a finding goes. */
import type { ProjectContext, ProjectFinding } from '../engine/project';
import { djangoEntries } from './django';
import { lineOf, services, texts, configTexts, type Service } from './services';

/** The backend services: a web framework is started in their code. */
export function backends(ctx: ProjectContext): Service[] {
  return services(ctx).filter((s) => s.framework !== null);
}

/** Where a "the project has no X" finding goes: a Django settings entry (at `name`'s assignment), else the app's construction. */
export function anchor(ctx: ProjectContext, s: Service, name?: string): { file?: string; line?: number } {
  if (s.framework === 'django') {
    const e = djangoEntries(ctx, s)[0];
    if (e) {
      const v = name ? e.top.effective.get(name) : undefined;
      if (v && v.file.endsWith(e.file)) {
        const text = ctx.read(e.file);
        if (text !== undefined) return { file: e.file, line: lineOf(text, v.start) };
      }
      return { file: e.file, line: 1 };
    }
  }
  if (s.entry) return { file: s.entry.file, line: s.entry.line };
  return s.manifests[0] ? { file: s.manifests[0], line: 1 } : {};
}

/** The service named in a message: its folder, or its framework when it is the workspace root. */
export function label(s: Service): string {
  const fw = { django: 'Django', flask: 'Flask', fastapi: 'FastAPI', express: 'Express', nest: 'NestJS', koa: 'Koa', fastify: 'Fastify', hapi: 'hapi' }[s.framework!];
  return s.dir ? `the ${fw} service in \`${s.dir}/\`` : `the ${fw} service`;
}

/** Whether any dependency, source text or deployment file of the service shows one of the signs. */
export function shows(ctx: ProjectContext, s: Service, signs: { deps?: RegExp; code?: RegExp; config?: RegExp }): boolean {
  if (signs.deps && [s, ...s.linked].some((x) => [...x.deps].some((d) => signs.deps!.test(d)))) return true;
  if (signs.code) for (const { text } of texts(ctx, s)) if (signs.code.test(text)) return true;
  if (signs.config) for (const { text } of configTexts(ctx, s)) if (signs.config.test(text)) return true;
  return false;
}

export function finding(check: string, message: string, where: { file?: string; line?: number }): ProjectFinding {
  return { check, message, ...where };
}

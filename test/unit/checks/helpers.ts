import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProjectCheck, ProjectContext, ProjectFinding } from '../../../server/src/engine/project';
import { initPython } from '../../../server/src/lang/python/parser';

/** A workspace on disk (split Django settings are followed through the files), as the report's context. */
export function workspace(files: Record<string, string>): ProjectContext {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-checks-'));
  for (const [f, text] of Object.entries(files)) {
    const abs = path.join(root, f);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return dirContext(root);
}

export function dirContext(root: string): ProjectContext {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  files.sort();
  return {
    root,
    files,
    read: (f) => {
      try {
        return fs.readFileSync(path.join(root, f), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export async function run(check: ProjectCheck, files: Record<string, string>): Promise<ProjectFinding[]> {
  await initPython();
  return check.run(workspace(files));
}

/** `file:line` of each finding, sorted. */
export function where(fs_: ProjectFinding[]): string[] {
  return fs_.map((f) => `${f.file}:${f.line}`).sort();
}

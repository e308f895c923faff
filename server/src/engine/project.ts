/**
 * Project-level readiness checks: gaps no single line shows (no health endpoint, no error
 * tracking, backups off, frontend calls to paths no route serves). Each check reads the
 * workspace as data (file names and texts, never by running anything) and returns its findings;
 * the readiness report lists them in their own section, and a finding that names a file is also
 * shown on that file.
 *
 * The engine knows no check by name: the list lives in `server/src/checks/index.ts`.
 */
import type { Family } from './types';

/** Severity in the readiness report's terms (the seeds' "blocking launch / high / medium"). */
export type ReportSeverity = 'critical' | 'high' | 'medium';

export interface ProjectFinding {
  /** The check's id. */
  check: string;
  message: string;
  /** Workspace-relative POSIX path of the natural place for the finding, when there is one. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
}

/** What a check may read: the workspace's files, as data. */
export interface ProjectContext {
  /** Absolute path of the workspace root. */
  root: string;
  /** Workspace-relative POSIX paths of every file discovery kept (ignore rules and excludes applied). */
  files: readonly string[];
  /** The text of a workspace-relative file, or undefined when it cannot be read as UTF-8. */
  read(file: string): string | undefined;
}

export interface ProjectCheck {
  id: string;
  title: string;
  family: Family;
  severity: ReportSeverity;
  /** Markdown: what it checks, why it matters, how to fix, how to verify. */
  docs: string;
  run(ctx: ProjectContext): ProjectFinding[];
}

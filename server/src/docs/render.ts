/** Rule docs -> markdown: one source of truth for hover, `shipguard explain`, SARIF help and docs/rules/*.md. */
import type { Rule } from '../engine/types';

const LANG_NAMES: Record<string, string> = { python: 'Python', javascript: 'JavaScript', typescript: 'TypeScript' };

/** The first sentence of "What it does": used in tables, SARIF shortDescription and listings. */
export function summary(rule: Rule): string {
  const m = /## What it does\s*\n+([\s\S]*?)(?:\n\n|\n##|$)/.exec(rule.docs);
  const para = (m ? m[1] : rule.docs).replace(/\s+/g, ' ').trim();
  // the first . ! or ? followed by a space, outside `code spans`
  let inCode = false;
  for (let i = 0; i < para.length; i++) {
    const c = para[i];
    if (c === '`') inCode = !inCode;
    else if (!inCode && (c === '.' || c === '!' || c === '?') && (i + 1 === para.length || para[i + 1] === ' ')) return para.slice(0, i + 1);
  }
  return para;
}

export function fixLine(rule: Rule): string {
  if (!rule.fix || rule.fix.availability === 'none') return 'No automatic fix.';
  const when = rule.fix.availability === 'always' ? 'always' : 'sometimes';
  return `Fix: ${rule.fix.title} (${when} available, ${rule.fix.maxApplicability}).`;
}

export function renderRuleMarkdown(rule: Rule, opts: { heading?: boolean } = {}): string {
  const langs = [...new Set(rule.languages.map((l) => (l === 'typescript' ? 'javascript' : l)))]
    .map((l) => (l === 'javascript' ? 'JavaScript/TypeScript' : LANG_NAMES[l]))
    .join(', ');
  const head = opts.heading === false ? '' : `# ${rule.id}\n\n`;
  const meta = `*Family:* ${rule.family} · *Default severity:* ${rule.severity} · *Languages:* ${langs}  \n*${fixLine(rule)}*\n\n`;
  return `${head}${meta}${rule.docs.trim()}\n`;
}

/** Short hover text: the summary plus the sections a developer needs at the line. */
export function renderHover(rule: Rule, message: string): string {
  return `**shipguard · ${rule.id}**: ${message}\n\n---\n\n${renderRuleMarkdown(rule, { heading: false })}`;
}

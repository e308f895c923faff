/** Rules the engine itself reports (no detector: they come from the runner). */
import { defineRule } from './types';

export const UNUSED_SUPPRESSION = defineRule({
  id: 'unused-suppression',
  family: 'meta',
  severity: 'info',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'always', maxApplicability: 'safe', title: 'Remove the suppression comment' },
  docs: `## What it does
Reports a \`shipguard: ignore[...]\` comment that suppresses no finding.

## Why is this bad?
A suppression outlives the code it was written for: after a refactor it hides nothing today and
may silently hide a real finding tomorrow. A suppression naming an unknown rule id is a typo that
suppresses nothing.

## Example
\`\`\`python
total = 1 + 1  # shipguard: ignore[request-without-timeout] nothing to suppress here
\`\`\`

## Use instead
\`\`\`python
total = 1 + 1
\`\`\`

## Fix safety
Safe: removing a comment that suppresses nothing does not change behaviour or findings.

## How to verify
Run \`shipguard scan\`: the file reports no \`unused-suppression\`, and no new finding appears.
`,
});

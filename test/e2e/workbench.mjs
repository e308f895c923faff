// Drives the VS Code workbench (as served by code-server) through Playwright the
// way a user does: keyboard shortcuts, Quick Open, the Problems panel, hovers and
// the Code Action menu. Every wait is on a condition with a timeout; nothing
// sleeps for a fixed time.

/** Class of the squiggle VS Code draws for a diagnostic severity. */
export const SQUIGGLE_CLASS = {
  error: 'squiggly-error',
  warning: 'squiggly-warning',
  info: 'squiggly-info',
  hint: 'squiggly-hint',
};

/** Markdown as the workbench renders it into text: no backticks, emphasis or link targets. */
export function plainText(markdown) {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  async waitReady(timeout = 90_000) {
    const p = this.page;
    await p.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    // the explorer shows the folder once the remote file system answers
    await p.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout });
    await this.dismissNotifications();
  }

  async dismissNotifications() {
    // toasts may sit over the editor; closing them is what a user does too
    const p = this.page;
    for (const btn of await p.locator('.notification-toast .codicon-notifications-clear, .notification-toast .codicon-close').all()) {
      await btn.click({ timeout: 2_000 }).catch(() => undefined);
    }
  }

  /** Focus the active editor (clicking the text area the way a user does). */
  async focusEditor() {
    const ed = this.activeEditor();
    await ed.locator('.view-lines').click({ position: { x: 5, y: 5 } });
  }

  /** Keyboard focus in the active editor, as the command does (no click: a hover or toast may lie over the text). */
  async focusActiveEditor() {
    await this.page.keyboard.press('Escape');
    await this.runCommand('View: Focus Active Editor Group', { timeout: 10_000 });
    await this.activeEditor().locator('textarea').first().waitFor({ state: 'attached', timeout: 10_000 });
    await this.page.waitForFunction(() => document.activeElement?.closest('.editor-group-container.active .monaco-editor') != null, null, { timeout: 10_000 });
  }

  activeEditor() {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /**
   * Quick Open (Ctrl+P): type the path, wait until the list shows exactly this
   * file (name and folder) and has settled, Enter. Retries when the editor does
   * not switch (an Enter that lands while the list refilters opens nothing).
   */
  async openFile(relPath, timeout = 30_000) {
    const p = this.page;
    const base = relPath.split('/').pop();
    const dir = relPath.includes('/') ? relPath.slice(0, relPath.lastIndexOf('/')) : '';
    const input = p.locator('.quick-input-widget .quick-input-box input');
    const rows = p.locator('.quick-input-list .monaco-list-row');
    const tab = p.locator('.editor-group-container.active .tab.active', { hasText: base });
    const start = Date.now();
    let seen = [];
    while (Date.now() - start < timeout) {
      await p.keyboard.press('Escape');
      await p.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout });
      await input.fill(relPath);
      let idx = -1;
      let previous = '';
      const round = Date.now();
      while (Date.now() - round < 5_000) {
        seen = await rows.evaluateAll((rs) =>
          rs.map((r) => ({
            name: (r.querySelector('.label-name')?.textContent ?? '').trim(),
            dir: (r.querySelector('.label-description')?.textContent ?? '').trim(),
            focused: r.classList.contains('focused'),
          })),
        );
        const sig = JSON.stringify(seen);
        idx = seen.findIndex((r) => r.name === base && (dir === '' ? r.dir === '' || r.dir === '.' : r.dir === dir || r.dir.endsWith(`/${dir}`)));
        if (idx >= 0 && sig === previous) break; // the same list twice in a row: settled
        previous = sig;
        idx = -1;
        await p.waitForTimeout(150);
      }
      if (idx < 0) continue;
      if (seen[idx].focused) await p.keyboard.press('Enter');
      else await rows.nth(idx).click({ timeout: 5_000, force: true });
      const opened = Date.now();
      try {
        await tab.waitFor({ state: 'visible', timeout: 5_000 });
      } catch {
        continue;
      }
      await this.activeEditor().locator('.view-lines .view-line').first().waitFor({ state: 'visible', timeout });
      return opened;
    }
    throw new Error(`Quick Open did not open ${relPath} within ${timeout} ms (rows: ${JSON.stringify(seen.slice(0, 6))})`);
  }

  /** Ctrl+G `line:column`, then waits until the status bar shows the cursor there. */
  async goTo(line, column = 1, timeout = 15_000) {
    const p = this.page;
    await p.keyboard.press('Escape');
    await p.keyboard.press('Control+G');
    const input = p.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(`:${line}:${column}`);
    await p.keyboard.press('Enter');
    await p
      .locator('.statusbar-item[id$="editor.selection"]', { hasText: `Ln ${line}, Col ${column}` })
      .waitFor({ state: 'visible', timeout });
  }

  /**
   * Squiggles rendered in the active editor, as [{ line, classes }]: each
   * decoration sits in a per-line overlay whose `top` matches the line number
   * element in the margin.
   */
  async squiggles() {
    return this.activeEditor().evaluate((ed) => {
      const tops = new Map();
      for (const n of ed.querySelectorAll('.margin-view-overlays > div')) {
        const num = n.querySelector('.line-numbers');
        if (num && num.textContent && /^\d+$/.test(num.textContent.trim())) tops.set(parseFloat(n.style.top), Number(num.textContent.trim()));
      }
      const out = [];
      for (const n of ed.querySelectorAll('.view-overlays > div')) {
        const sq = [...n.children].filter((c) => /\bsquiggly-/.test(c.className));
        if (!sq.length) continue;
        const line = tops.get(parseFloat(n.style.top));
        if (line === undefined) continue;
        out.push({ line, classes: sq.map((c) => String(c.className)) });
      }
      return out;
    });
  }

  /** Visible line range of the active editor. */
  async visibleLines() {
    return this.activeEditor().evaluate((ed) => {
      const nums = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')]
        .map((n) => Number((n.textContent ?? '').trim()))
        .filter((n) => Number.isFinite(n) && n > 0);
      return nums.length ? { first: Math.min(...nums), last: Math.max(...nums) } : null;
    });
  }

  /** Waits until `pred(squiggles)` holds; returns the last squiggles seen. */
  async waitSquiggles(pred, timeout, what) {
    const start = Date.now();
    let last = [];
    for (;;) {
      last = await this.squiggles();
      if (pred(last)) return last;
      if (Date.now() - start > timeout) {
        throw new Error(`${what}: not seen within ${timeout} ms (squiggles on lines ${JSON.stringify(last.map((s) => s.line))})`);
      }
      await this.page.waitForTimeout(100); // polling interval, the condition decides
    }
  }

  /** Opens the Problems panel (View: Focus Problems) and returns its locator. */
  async openProblems(timeout = 15_000) {
    await this.runCommand('View: Focus Problems', { timeout, exact: false, match: /Focus Problems/ });
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout });
    return panel;
  }

  /**
   * Every row of the Problems panel, scrolling through the (virtualised) tree
   * with the keyboard (Home, ArrowDown): resource rows ({ kind: 'file', path, count }) and
   * marker rows ({ kind: 'marker', file, text, line, column }); `path` and
   * `file` are workspace-relative when the panel shows the folder.
   */
  async problems() {
    // The tree can change while it is walked (diagnostics still arriving re-sort it), which
    // mixes rows of two states: accept a walk only when every file row's count badge equals
    // the marker rows read under it.
    let rows = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      rows = await this.problemsOnce();
      if (problemsConsistent(rows)) return rows;
    }
    return rows;
  }

  async problemsOnce() {
    const p = this.page;
    const panel = p.locator('.markers-panel');
    const extract = (el) =>
      // rows of the tree itself, not the sticky-scroll copies of parent rows
      [...el.querySelectorAll('.monaco-list-rows > .monaco-list-row')].map((r) => ({
        index: Number(r.getAttribute('data-index')),
        level: Number(r.getAttribute('aria-level') || '0'),
        name: (r.querySelector('.label-name')?.textContent ?? '').trim(),
        dir: (r.querySelector('.label-description')?.textContent ?? '').trim(),
        count: Number((r.querySelector('.monaco-count-badge')?.textContent ?? '').trim()) || null,
        text: (r.textContent ?? '').replace(/\s+/g, ' ').trim(),
        label: r.getAttribute('aria-label') ?? '',
      }));
    const byIndex = new Map();
    // walk the (virtualised) tree with the keyboard, as a user would: focus it,
    // Home, then Down row by row until the focused row stops moving
    await this.openProblems();
    const tree = panel.locator('.monaco-list').first();
    if (!(await tree.count())) return [];
    const focused = () =>
      panel.evaluate((el) => Number(el.querySelector('.monaco-list-row.focused')?.getAttribute('data-index') ?? '-1'));
    await p.keyboard.press('Home');
    for (let guard = 0; guard < 2_000; guard++) {
      for (const r of await panel.evaluate(extract)) byIndex.set(r.index, r);
      const before = await focused();
      await p.keyboard.press('ArrowDown');
      const t = Date.now();
      let moved = false;
      while (Date.now() - t < 1_000) {
        if ((await focused()) !== before) {
          moved = true;
          break;
        }
        await p.waitForTimeout(25);
      }
      if (!moved) break;
    }
    for (const r of await panel.evaluate(extract)) byIndex.set(r.index, r);
    await p.keyboard.press('Home');
    const out = [];
    let file = null;
    for (const r of [...byIndex.values()].sort((a, b) => a.index - b.index)) {
      if (r.level === 1) {
        file = r.dir && !r.dir.startsWith('/') && !r.dir.includes(':') ? `${r.dir}/${r.name}` : r.name;
        out.push({ kind: 'file', path: file, name: r.name, count: r.count });
      } else if (r.level === 2) {
        const m = /\[Ln (\d+), Col (\d+)\]/.exec(r.text) ?? /line (\d+)\D+(\d+)/i.exec(r.label);
        out.push({ kind: 'marker', file, text: r.text, label: r.label, line: m ? Number(m[1]) : null, column: m ? Number(m[2]) : null });
      }
    }
    return out;
  }

  /**
   * Command palette (F1): type the label, wait for a row that matches, Enter.
   * Returns false (without running anything) when no row matches.
   */
  async runCommand(label, { timeout = 15_000, match, optional = false } = {}) {
    const p = this.page;
    const re = match ?? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
    const rows = p.locator('.quick-input-list .monaco-list-row');
    const input = p.locator('.quick-input-widget .quick-input-box input');
    const limit = optional ? Math.min(timeout, 8_000) : timeout;
    const start = Date.now();
    let labels = [];
    // the palette lists the commands known when it opens: re-open it until the
    // command shows up (extension contributions arrive after the workbench)
    while (Date.now() - start < limit) {
      await p.keyboard.press('Escape');
      await p.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout });
      await input.fill(`>${label}`);
      const round = Date.now();
      while (Date.now() - round < 2_000) {
        labels = await rows.evaluateAll((rs) =>
          rs.map((r) => (r.querySelector('.label-name')?.textContent ?? r.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').trim()),
        );
        const idx = labels.findIndex((l) => re.test(l));
        if (idx >= 0) {
          await rows.nth(idx).click();
          return true;
        }
        await p.waitForTimeout(100);
      }
    }
    await p.keyboard.press('Escape');
    if (optional) return false;
    throw new Error(`command "${label}" not in the command palette (rows: ${JSON.stringify(labels.slice(0, 8))})`);
  }

  /** Editor: Show Hover (Ctrl+K Ctrl+I) at the cursor; returns the hover text once `pred` holds. */
  async hoverText(pred, timeout = 15_000) {
    const p = this.page;
    const start = Date.now();
    let text = '';
    const hover = p.locator('.monaco-editor .monaco-hover:not(.hidden), .overflowingContentWidgets .monaco-hover:not(.hidden)').filter({ visible: true }).last();
    while (Date.now() - start < timeout) {
      await p.keyboard.press('Control+K');
      await p.keyboard.press('Control+I');
      try {
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
      } catch {
        continue;
      }
      // providers answer one after another: the hover grows while it is shown
      const shown = Date.now();
      while (Date.now() - shown < 5_000 && Date.now() - start < timeout) {
        if (!(await hover.count())) break;
        text = norm(await hover.textContent().catch(() => ''));
        if (pred(text)) return text;
        await p.waitForTimeout(100);
      }
      await p.keyboard.press('Escape');
    }
    throw new Error(`hover not as expected within ${timeout} ms; last hover text: ${JSON.stringify(text.slice(0, 400))}`);
  }

  /** Quick fix menu (Ctrl+.) at the cursor: returns the action titles shown. */
  async quickFixes(timeout = 15_000) {
    const p = this.page;
    await p.keyboard.press('Control+.');
    const widget = p.locator('.action-widget').filter({ visible: true }).first();
    await widget.waitFor({ state: 'visible', timeout });
    const rows = widget.locator('.monaco-list-row.action');
    await rows.first().waitFor({ state: 'visible', timeout });
    return rows.evaluateAll((rs) => rs.map((r) => (r.getAttribute('aria-label') || r.textContent || '').replace(/\s+/g, ' ').trim()));
  }

  /** Picks the action whose title matches (menu must be open). */
  async pickQuickFix(title, timeout = 15_000) {
    const p = this.page;
    const rows = p.locator('.action-widget').filter({ visible: true }).first().locator('.monaco-list-row.action');
    const titles = await rows.evaluateAll((rs) => rs.map((r) => (r.getAttribute('aria-label') || r.textContent || '').replace(/\s+/g, ' ').trim()));
    const want = [norm(title), norm(plainText(title))];
    const idx = titles.findIndex((t) => want.some((w) => t === w || t.startsWith(w)));
    if (idx < 0) throw new Error(`quick fix "${title}" not offered; menu: ${JSON.stringify(titles)}`);
    await rows.nth(idx).click({ timeout });
    await p.locator('.action-widget').filter({ visible: true }).first().waitFor({ state: 'detached', timeout });
  }

  async activeTabDirty() {
    return this.page.locator('.editor-group-container.active .tab.active.dirty').count().then((n) => n > 0);
  }

  async save(timeout = 15_000) {
    const p = this.page;
    await p.keyboard.press('Control+S');
    await p.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'detached', timeout });
  }

  /** Text of a modal dialog or error toast that reports a failed command, or null. */
  async commandError() {
    const p = this.page;
    const box = p.locator('.monaco-dialog-box, .notification-toast').filter({ hasText: /not found|resulted in an error|failed/i }).first();
    if (!(await box.count())) return null;
    return ((await box.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** In an open quick pick: types `label` and picks the row whose label is exactly it. */
  async pickQuickItem(label, timeout = 20_000) {
    const p = this.page;
    const input = p.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout });
    const rows = p.locator('.quick-input-list .monaco-list-row');
    const start = Date.now();
    let labels = [];
    let filled = false;
    while (Date.now() - start < timeout) {
      // a quick pick that replaces the previous one comes with an empty box: fill it again then
      if (!filled || (await input.inputValue()) === '') {
        await input.fill(label);
        filled = true;
      }
      labels = await rows.evaluateAll((rs) => rs.map((r) => (r.querySelector('.label-name')?.textContent ?? '').replace(/\s+/g, ' ').trim()));
      const idx = labels.indexOf(label);
      if (idx >= 0) {
        await rows.nth(idx).click();
        return;
      }
      await p.waitForTimeout(100);
    }
    throw new Error(`no quick pick item "${label}" (rows: ${JSON.stringify(labels.slice(0, 8))})`);
  }

  /** The description shown beside a quick pick item (the quick pick must be open). */
  async quickItemDescription(label, timeout = 20_000) {
    const p = this.page;
    const rows = p.locator('.quick-input-list .monaco-list-row');
    const start = Date.now();
    while (Date.now() - start < timeout) {
      const all = await rows.evaluateAll((rs) =>
        rs.map((r) => ({ label: (r.querySelector('.label-name')?.textContent ?? '').trim(), description: (r.querySelector('.label-description')?.textContent ?? '').trim() })),
      );
      const hit = all.find((r) => r.label === label);
      if (hit) return hit.description;
      await p.waitForTimeout(100);
    }
    throw new Error(`no quick pick item "${label}"`);
  }

  /** Text of the modal dialog once it shows and matches `re`. */
  async dialogText(re, timeout = 15_000) {
    const box = this.page.locator('.monaco-dialog-box').filter({ hasText: re }).first();
    await box.waitFor({ state: 'visible', timeout });
    return norm(await box.locator('.dialog-message-text, .dialog-message').first().textContent().catch(() => box.textContent()));
  }

  /** Presses a button of the modal dialog (label or pattern); returns its label. */
  async dialogButton(name, timeout = 10_000) {
    const box = this.page.locator('.monaco-dialog-box').first();
    const button = box.locator('.dialog-buttons .monaco-button, .dialog-buttons a.monaco-button', { hasText: name }).first();
    await button.waitFor({ state: 'visible', timeout });
    const label = norm(await button.textContent());
    await button.click();
    await box.waitFor({ state: 'detached', timeout });
    return label;
  }

  /** The refactor preview's file rows: [{ name, dir, checked }]. */
  async previewFiles() {
    const panel = this.page.locator('.bulk-edit-panel');
    if (!(await panel.count())) return [];
    return panel.evaluate((el) =>
      [...el.querySelectorAll('.monaco-list-rows > .monaco-list-row')]
        .filter((r) => r.getAttribute('aria-level') === '1' && !r.querySelector('.textedit'))
        .map((r) => {
          const box = r.querySelector('.edit-checkbox');
          return {
            name: (r.querySelector('.label-name')?.textContent ?? '').trim(),
            dir: (r.querySelector('.label-description')?.textContent ?? '').trim(),
            checked: !!box && (box.classList.contains('checked') || box.getAttribute('aria-checked') === 'true'),
          };
        }),
    );
  }

  /** Ticks or unticks a file in the refactor preview (a click on its checkbox) and waits for the state. */
  async togglePreviewFile(name, checked, timeout = 10_000) {
    const row = this.page.locator('.bulk-edit-panel .monaco-list-rows > .monaco-list-row[aria-level="1"]', { has: this.page.locator('.label-name', { hasText: name }) }).first();
    const box = row.locator('.edit-checkbox').first();
    const state = async () => box.evaluate((b) => b.classList.contains('checked') || b.getAttribute('aria-checked') === 'true');
    if ((await state()) !== checked) await box.click();
    const start = Date.now();
    while ((await state()) !== checked) {
      if (Date.now() - start > timeout) throw new Error(`${name} did not turn ${checked ? 'ticked' : 'unticked'}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Presses the refactor preview's Apply button and waits for the preview to close. */
  async previewApply(timeout = 20_000) {
    const panel = this.page.locator('.bulk-edit-panel');
    await panel.locator('.monaco-button', { hasText: /^Apply$/ }).first().click({ timeout });
    await this.page.locator('.bulk-edit-panel .monaco-list-row').first().waitFor({ state: 'detached', timeout });
  }

  /** Text of a notification toast matching `re`, once it shows. */
  async toastText(re, timeout = 15_000) {
    const toast = this.page.locator('.notification-toast').filter({ hasText: re }).first();
    await toast.waitFor({ state: 'visible', timeout });
    return norm(await toast.locator('.notification-list-item-message').first().textContent());
  }

  /** Button labels of the toast matching `re`. */
  async toastButtons(re) {
    const toast = this.page.locator('.notification-toast').filter({ hasText: re }).first();
    return toast.locator('.notification-list-item-buttons-container .monaco-button').evaluateAll((bs) => bs.map((b) => (b.textContent ?? '').trim()));
  }

  /** Notifications: Clear All Notifications (toasts and the notification centre). */
  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications', { optional: true, timeout: 8_000 });
  }

  /** How many notifications in the notification centre match `re` (the centre is opened and closed again). */
  async notificationCount(re) {
    const p = this.page;
    await this.runCommand('Notifications: Show Notifications', { timeout: 10_000 });
    const center = p.locator('.notifications-center');
    await center.waitFor({ state: 'visible', timeout: 10_000 });
    const texts = await center.locator('.notification-list-item-message').evaluateAll((ms) => ms.map((m) => (m.textContent ?? '').replace(/\s+/g, ' ').trim()));
    await this.runCommand('Notifications: Hide Notifications', { optional: true, timeout: 8_000 });
    return texts.filter((t) => re.test(t)).length;
  }

  async restrictedModeShown() {
    const banner = this.page.locator('.monaco-workbench .part.banner', { hasText: /Restricted Mode/i });
    const status = this.page.locator('.statusbar-item', { hasText: /Restricted Mode/i });
    return (await banner.count()) > 0 || (await status.count()) > 0;
  }
}

/** Each file row's count badge equals the number of marker rows listed under it. */
function problemsConsistent(rows) {
  let expected = null;
  let seen = 0;
  for (const r of rows) {
    if (r.kind === 'file') {
      if (expected !== null && seen !== expected) return false;
      expected = r.count;
      seen = 0;
    } else seen++;
  }
  return expected === null || seen === expected;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitForPage } from './app-page';

/**
 * axe-core in the e2e: its source injected into the page under test. The app's CSP
 * (script-src 'self') refuses injected scripts, so the audited context bypasses it;
 * the app itself runs unchanged.
 */

/** axe-core's browser build, or null when the package is not installed (the test then skips and says so). */
/** Every audited screen is seen in each language and theme; the first sets the sign-ins up. */
export const AUDIT_COMBINATIONS = [
  { language: 'en', theme: 'light' },
  { language: 'fr', theme: 'dark' },
  { language: 'en', theme: 'dark' },
  { language: 'fr', theme: 'light' },
] as const;
export type AuditCombination = (typeof AUDIT_COMBINATIONS)[number];

export function axeSource(): string | null {
  try {
    return readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
  } catch {
    return null;
  }
}

export const AXE_MISSING =
  'axe-core is not installed: add it as a devDependency (npm install --save-dev axe-core) to run the accessibility audit.';

/** WCAG 2.1 A and AA, plus axe's best practices: what the audit measured. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Rules whose violations fail the audit whatever axe's impact: the moderate ones the
 * issue's audit found (landmarks, the page's h1, heading order), so they cannot come back.
 */
const ALWAYS_FAILING_RULES = new Set(['region', 'landmark-one-main', 'page-has-heading-one', 'heading-order']);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; summary: string }[];
}

/** A fresh context with CSP bypassed (for the injected script), English or French, light or dark OS. */
export async function openAuditContext(
  browser: Browser,
  options: { locale: string; colorScheme: 'light' | 'dark' },
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: options.locale,
    colorScheme: options.colorScheme,
    bypassCSP: true,
  });
}

/** Opens the preview in an audit context (English, light) and records what the page logs as errors. */
export async function openAuditedApp(browser: Browser, url: string): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await openAuditContext(browser, { locale: 'en-US', colorScheme: 'light' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  return { page, pageErrors };
}

/** Language and theme through the settings dialog; returns once the page shows both and the dialog is closed. */
export async function applyAuditSettings(page: Page, combination: AuditCombination): Promise<void> {
  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('settings-dialog');
  await settings.getByTestId('language-select').selectOption(combination.language);
  await settings.locator(`label:has(input[value="${combination.theme}"])`).click();
  await waitForPage(
    page,
    `the page in ${combination.language}-${combination.theme}`,
    () => page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme]),
    ([lang, theme]) => lang === combination.language && theme === combination.theme,
  );
  await page.keyboard.press('Escape');
  await settings.waitFor({ state: 'detached' });
}

/** Runs axe on the page as it is now; returns the violations that fail the audit. */
export async function auditPage(page: Page, source: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: AxeApi }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String), summary: node.failureSummary ?? '' })),
    }));
  }, AXE_TAGS);
  return violations.filter(
    (violation) =>
      violation.impact === 'serious' || violation.impact === 'critical' || ALWAYS_FAILING_RULES.has(violation.id),
  );
}

/** Violations as a reader needs them to fix one: rule, impact, help, and each element with axe's reason. */
export function describeViolations(screen: string, violations: readonly AxeViolation[]): string {
  const lines = [`${screen}: ${violations.length} accessibility violation(s)`];
  for (const violation of violations) {
    lines.push(`- ${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}`);
    for (const node of violation.nodes.slice(0, 8)) {
      lines.push(`    ${node.target.join(' ')}: ${node.summary.replace(/\s+/g, ' ').trim()}`);
    }
    if (violation.nodes.length > 8) lines.push(`    … and ${violation.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

/** The part of axe's API the audit uses (axe's own typings need its package at type-check time). */
interface AxeApi {
  run(
    context: Document,
    options: { runOnly: { type: 'tag'; values: string[] }; resultTypes: string[] },
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }[];
  }>;
}

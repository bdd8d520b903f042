import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import { DEMO_CUSTOMERS } from '../../main/emulator/seed/demo-customers';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { CAPABILITIES } from '../../shared/model/diagnostics';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, domainTab, screenshot, userLackingPrivilege, waitForPage } from './app-page';
import {
  applyAuditSettings,
  AUDIT_COMBINATIONS,
  auditPage,
  AXE_MISSING,
  axeSource,
  describeViolations,
} from './axe-audit';
import { launchChromium } from './launch-chromium';

/**
 * The Diagnostics page against the real core and the emulator: a healthy domain, a user
 * lacking a reseller privilege (Google's refusal and the seed's remedy, in English and
 * French, axe-clean in both languages and themes), and the copied report read back from
 * the real clipboard with no email or customer in it.
 */

const STEP_TIMEOUT_MS = 120_000;
const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const source = axeSource();

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  preview = await startPreview({ emulatorOptions: { agent: false }, log: () => undefined });
  browser = await launchChromium();
  // The clipboard permissions let the test read back what Copy report wrote; CSP is
  // bypassed only so axe's script can be injected (axe-audit.ts).
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
    bypassCSP: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

/** The Diagnostics page as shown, read in one go once it has settled. */
interface DiagnosticsLook {
  state: string | null;
  title: string;
  user: string;
  backend: string | null;
  capabilities: { capability: string; status: string | null; text: string; message: string | null }[];
  remedies: string[];
  links: string[];
  requests: string;
}

async function lookAtDiagnostics(page: Page): Promise<DiagnosticsLook> {
  return page.evaluate(() => {
    const dialog = document.querySelector<HTMLElement>('[data-testid="diagnostics-dialog"]');
    const root = dialog?.querySelector<HTMLElement>('[data-testid="diagnostics"]');
    return {
      state: root?.dataset.state ?? null,
      title: dialog?.querySelector('.dialog-title')?.textContent ?? '',
      user: dialog?.querySelector('[data-testid="diagnostics-user"]')?.textContent ?? '',
      backend: dialog?.querySelector<HTMLElement>('[data-testid="diagnostics-backend"]')?.dataset.backend ?? null,
      capabilities: [...(dialog?.querySelectorAll<HTMLElement>('[data-testid^="capability-"]') ?? [])].map((item) => ({
        capability: item.dataset.testid?.slice('capability-'.length) ?? '',
        status: item.dataset.status ?? null,
        text: item.textContent ?? '',
        message: item.querySelector('[data-testid="google-message"]')?.textContent ?? null,
      })),
      remedies: [...(dialog?.querySelectorAll<HTMLElement>('[data-remedy]') ?? [])].map(
        (li) => li.dataset.remedy ?? '',
      ),
      links: [...(dialog?.querySelectorAll<HTMLAnchorElement>('[data-testid="diagnostics-remedies"] a') ?? [])].map(
        (a) => a.href,
      ),
      requests: dialog?.querySelector('[data-testid="diagnostics-requests"]')?.textContent ?? '',
    };
  });
}

async function settledDiagnostics(page: Page, domain: string): Promise<DiagnosticsLook> {
  return waitForPage(
    page,
    `the Diagnostics of ${domain} to finish`,
    () => lookAtDiagnostics(page),
    (look) => look.state === 'done' && look.title.includes(domain) && look.capabilities.length === CAPABILITIES.length,
  );
}

/** Simulated OS notifications from the sign-ins' first syncs would sit over the dialog in the screenshots. */
async function dismissToasts(page: Page): Promise<void> {
  for (const dismiss of await page.getByTestId('preview-toast-dismiss').all()) await dismiss.click();
}

async function openFromTabMenu(page: Page, domain: string): Promise<void> {
  await dismissToasts(page);
  await domainTab(page, domain).click({ button: 'right' });
  await page.getByTestId('tab-menu-diagnostics').click();
}

async function openFromSettings(page: Page, domain: string): Promise<void> {
  await dismissToasts(page);
  await page.getByTestId('open-settings').click();
  await page.getByTestId(`open-diagnostics-${domain}`).click();
}

async function closeDiagnostics(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('diagnostics-dialog').waitFor({ state: 'detached' });
}

describe('the Diagnostics page', () => {
  it(
    'shows every capability ok for a healthy demo domain, opened from its tab menu',
    async () => {
      await addDomain(page, NORTHWIND_DOMAIN, ALEX);
      await openFromTabMenu(page, NORTHWIND_DOMAIN);
      const look = await settledDiagnostics(page, NORTHWIND_DOMAIN);
      expect(look.capabilities.map((c) => c.capability)).toEqual([...CAPABILITIES]);
      expect(look.capabilities.map((c) => c.status)).toEqual(CAPABILITIES.map(() => 'ok'));
      expect(look.user).toBe(ALEX);
      expect(look.backend).toBe('demo');
      expect(look.remedies).toEqual([]);
      // Who is signed in, the backend, its endpoints and the scopes, as the page opens.
      await screenshot(page, 'diagnostics-00-healthy-top');
      await page.getByTestId('diagnostics-capabilities').evaluate((list) => list.scrollIntoView({ block: 'center' }));
      // The probes themselves went to the emulator: the hour's traffic counts them.
      expect(Number(look.requests.replace(/\D/g, ''))).toBeGreaterThanOrEqual(CAPABILITIES.length);
      await screenshot(page, 'diagnostics-01-healthy');
      await closeDiagnostics(page);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "shows Google's refusal and the seed's remedy to a user lacking a privilege, opened from the settings",
    async () => {
      const user = userLackingPrivilege(preview, LUMIERE_DOMAIN);
      await addDomain(page, LUMIERE_DOMAIN, user.email);
      await openFromSettings(page, LUMIERE_DOMAIN);
      const look = await settledDiagnostics(page, LUMIERE_DOMAIN);
      const refused = look.capabilities.find((c) => c.status === 'refused');
      expect(refused, JSON.stringify(look.capabilities)).toBeDefined();
      // Google's message, verbatim: the emulator names the privilege the user lacks.
      expect(refused?.message).toContain(user.missingPrivilege);
      expect(refused?.text).toContain('PERMISSION_DENIED');
      expect(refused?.text).toContain(en.diagnostics.outcome.refused);
      // The seed's remedy, worded, with the help page and the Admin console's roles.
      expect(look.remedies).toContain('reseller_admin_role');
      expect(refused?.text).toContain(en.privileges.accessCases);
      expect(look.links).toContain('https://support.google.com/channelservices/answer/9749959?hl=en');
      expect(look.links).toContain('https://admin.google.com/ac/roles');
      // What comes after the refusal is not tried, and says why.
      const after = look.capabilities.slice(look.capabilities.indexOf(refused!) + 1);
      expect(after.every((c) => c.status === 'not_tried' || c.capability === 'searchClassifications')).toBe(true);
      await page.getByTestId(`capability-${refused!.capability}`).scrollIntoViewIfNeeded();
      await screenshot(page, 'diagnostics-02-missing-privilege');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'copies a report that holds the outcome but no email and no customer',
    async () => {
      await page.getByTestId('copy-report').click();
      await page.locator('[data-testid="copy-status"][data-state="copied"]').waitFor();
      expect(await page.getByTestId('copy-status').textContent()).toBe(en.diagnostics.copied);
      const report = await page.evaluate(() => navigator.clipboard.readText());
      expect(report).toContain(en.diagnostics.report.title);
      expect(report).toContain(`[${en.diagnostics.outcome.refused}]`);
      expect(report).toContain('PERMISSION_DENIED');
      expect(report).toContain(LUMIERE_DOMAIN);
      // No address keeps its local part; no customer of either domain is named.
      expect(report).not.toMatch(/[\p{L}\p{N}._%+-]+@/u);
      for (const customer of DEMO_CUSTOMERS) {
        expect(report).not.toContain(customer.organization);
        expect(report.toLowerCase()).not.toContain(customer.domain);
        expect(report).not.toContain(customer.customerId);
        expect(report).not.toContain(customer.orgNumber);
      }
      await closeDiagnostics(page);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'says the same in French, and is axe-clean in both languages and themes',
    async () => {
      const user = userLackingPrivilege(preview, LUMIERE_DOMAIN);
      for (const combination of AUDIT_COMBINATIONS) {
        await applyAuditSettings(page, combination);
        await openFromTabMenu(page, LUMIERE_DOMAIN);
        const look = await settledDiagnostics(page, LUMIERE_DOMAIN);
        const catalog = combination.language === 'fr' ? fr : en;
        const refused = look.capabilities.find((c) => c.status === 'refused');
        expect(refused?.text).toContain(catalog.diagnostics.outcome.refused);
        expect(refused?.text).toContain(catalog.privileges.accessCases);
        expect(refused?.message).toContain(user.missingPrivilege);
        expect(look.links).toContain(
          `https://support.google.com/channelservices/answer/9749959?hl=${combination.language}`,
        );
        if (combination.language === 'fr' && combination.theme === 'light') {
          expect(refused?.text).toContain('Administrateur du revendeur');
          await page.getByTestId(`capability-${refused!.capability}`).scrollIntoViewIfNeeded();
          await screenshot(page, 'diagnostics-03-french');
        }
        if (source) {
          const violations = await auditPage(page, source);
          expect(
            violations,
            describeViolations(`diagnostics ${combination.language}-${combination.theme}`, violations),
          ).toEqual([]);
        } else {
          console.warn(`diagnostics.test.ts: axe audit skipped: ${AXE_MISSING}`);
        }
        await closeDiagnostics(page);
      }
    },
    STEP_TIMEOUT_MS * 2,
  );

  it(
    "says in the user's language that the run itself failed when the app's core is lost",
    async () => {
      // The audit ended in French: the failure is worded in French.
      await openFromTabMenu(page, LUMIERE_DOMAIN);
      await settledDiagnostics(page, LUMIERE_DOMAIN);
      await preview.loseCore();
      await page.getByTestId('diagnostics-run').click();
      const failed = await waitForPage(
        page,
        'the Diagnostics to say the run failed',
        () =>
          page.evaluate(() => {
            const dialog = document.querySelector('[data-testid="diagnostics-dialog"]');
            return {
              state: dialog?.querySelector<HTMLElement>('[data-testid="diagnostics"]')?.dataset.state ?? null,
              error: dialog?.querySelector<HTMLElement>('[data-testid="error-state"]')?.dataset.errorCode ?? null,
              text: dialog?.textContent ?? '',
            };
          }),
        (look) => look.state === 'error',
      );
      expect(failed.error).toBe('core_lost');
      expect(failed.text).toContain(fr.diagnostics.failed);
      expect(failed.text).toContain(fr.errors.core_lost.title);
      // No stale answer is shown as if it were current.
      expect(await page.locator('[data-testid="diagnostics-dialog"] [data-testid^="capability-"]').count()).toBe(0);
      await screenshot(page, 'diagnostics-04-core-lost');
    },
    STEP_TIMEOUT_MS,
  );
});

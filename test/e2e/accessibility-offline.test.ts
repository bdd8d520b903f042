import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CUSTOMERS, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en, type Catalog } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { startPreview, type Preview } from '../preview/preview-server';
import { addSyncedDomain, domainPanel, screenshot, settledCaseDetail, settledCaseList, waitForPage } from './app-page';
import {
  applyAuditSettings,
  AUDIT_COMBINATIONS,
  type AuditCombination,
  AXE_MISSING,
  auditPage,
  axeSource,
  describeViolations,
  openAuditContext,
  openAuditedApp,
} from './axe-audit';
import { launchChromium } from './launch-chromium';

/**
 * The screens issue 7 adds, audited by axe-core in English and French, light and dark:
 * the Drafts and Outbox dialogs, the saved copy of a case that could not refresh, the
 * sign-out dialog warning of unsent work, the notices stack and the core-lost banner.
 * Each audited screen is kept as a screenshot (test-output/e2e/a11y-offline-*).
 */

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const STEP_TIMEOUT_MS = 180_000;
const BAD_ENTRY = '../../x';

const label = (c: AuditCombination) => `${c.language}-${c.theme}`;
const catalog = (c: AuditCombination): Catalog => (c.language === 'fr' ? fr : en);

const source = axeSource();
if (!source) console.warn(`accessibility-offline.test.ts skipped: ${AXE_MISSING}`);

let preview: Preview;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  if (!source) return;
  preview = await startPreview({
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 },
    log: () => undefined,
  });
  browser = await launchChromium();
  ({ page, pageErrors } = await openAuditedApp(browser, preview.url));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

/** Audits `on` as it is, fails with axe's findings naming the screen, and keeps a screenshot of it. */
async function expectAccessible(on: Page, screen: string, combination: AuditCombination): Promise<void> {
  const violations = await auditPage(on, source!);
  expect(violations, describeViolations(`${screen} (${label(combination)})`, violations)).toEqual([]);
  await screenshot(on, `a11y-offline-${label(combination)}-${screen}`);
}

async function closeDialog(testId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

const panel = () => domainPanel(page, NORTHWIND_DOMAIN);

/** The case panel of Northwind, read in one go. */
const lookAtCasePane = () =>
  page.evaluate((domain) => {
    const detail = document.querySelector(
      `[data-testid="domain-panel"][data-domain="${domain}"] [data-testid="case-detail"]`,
    );
    return {
      title: detail?.querySelector('[data-testid="case-title"]')?.textContent ?? null,
      savedCopy: detail?.querySelector('[data-testid="saved-copy"]')?.textContent ?? null,
      refreshFailed: detail?.querySelector('[data-testid="refresh-failed"]')?.textContent ?? null,
    };
  }, NORTHWIND_DOMAIN);

describe.skipIf(!source)('accessibility of the offline screens, in English and French, light and dark', () => {
  const seen = { name: '', title: '' };

  it(
    'drafts, outbox, saved copy and sign-out warning',
    async () => {
      // Unsent work to show: a New case draft, a message draft, and a message queued offline.
      const list = await addSyncedDomain(page, NORTHWIND_DOMAIN, ALEX);
      seen.name = list.rows[0]!;
      await panel().locator(`[data-testid="case-row"][data-case-name="${seen.name}"]`).click();
      seen.title = (await waitForPage(page, 'the case to load', lookAtCasePane, (look) => Boolean(look.title))).title!;
      await settledCaseDetail(page, NORTHWIND_DOMAIN, seen.title);

      const customer = DEMO_CUSTOMERS.find(
        (c) => c.resellerDomain === NORTHWIND_DOMAIN && c.resellerAccess && !c.previousResellerDomain,
      )!;
      await panel().getByTestId('new-case').click();
      const newCase = page.getByTestId('new-case-dialog');
      await newCase.getByTestId(`new-case-customer-${customer.customerId}`).click();
      await newCase.getByTestId('new-case-next').click();
      await newCase.getByTestId('new-case-next').click();
      await newCase.getByTestId('new-case-title').fill('Calendar invitations arrive twice');
      await closeDialog('new-case-dialog');

      preview.network.cutOff(NORTHWIND_DOMAIN);
      await panel().getByTestId('sync-now').click();
      await settledCaseList(page, NORTHWIND_DOMAIN, { filters: EMPTY_CASE_FILTERS }, { syncState: 'offline' });
      const composer = panel().getByTestId('composer-text');
      await composer.fill('Could you look at the bounces again?');
      await panel().getByTestId('composer-send').click();
      await expect.poll(() => panel().getByTestId('outbox-button').getAttribute('data-unsent')).toBe('1');
      await composer.fill('And the second domain too, please.');
      await expect.poll(() => panel().getByTestId('drafts-button').getAttribute('data-count')).toBe('2');
      await panel().getByTestId('close-case').click();

      for (const combination of AUDIT_COMBINATIONS) {
        const t = catalog(combination);
        await applyAuditSettings(page, combination);

        await panel().locator(`[data-testid="case-row"][data-case-name="${seen.name}"]`).click();
        const saved = await waitForPage(
          page,
          'the saved copy that could not refresh',
          lookAtCasePane,
          (look) => look.title === seen.title && look.savedCopy !== null && look.refreshFailed !== null,
        );
        expect(saved.refreshFailed).toContain(t.case.couldNotRefresh.replace('{{cause}}', t.errors.offline.title));
        await expectAccessible(page, 'saved-copy', combination);

        await panel().getByTestId('drafts-button').click();
        await waitForPage(
          page,
          'the two drafts',
          () => page.getByTestId('draft-item').count(),
          (count) => count === 2,
        );
        await expectAccessible(page, 'drafts', combination);
        await closeDialog('drafts-dialog');

        await panel().getByTestId('outbox-button').click();
        const reason = await waitForPage(
          page,
          'the queued message with its reason',
          () => page.getByTestId('outbox-dialog').getByTestId('outbox-reason').allTextContents(),
          (reasons) => reasons.length === 1,
        );
        expect(reason).toEqual([t.outbox.waiting.replace('{{reason}}', t.errors.offline.title)]);
        await expectAccessible(page, 'outbox', combination);
        await closeDialog('outbox-dialog');

        await panel().getByTestId('sign-out').click();
        await page.getByTestId('sign-out-loss').waitFor();
        await expectAccessible(page, 'sign-out-warning', combination);
        await closeDialog('sign-out-dialog');
        await panel().getByTestId('close-case').click();
      }
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'the notices stack and the core-lost banner, on an app whose settings named a bad domain',
    async () => {
      for (const combination of AUDIT_COMBINATIONS) {
        const t = catalog(combination);
        // A settings file with a domain no account can have: skipped and told, in the language it sets.
        const dataDir = mkdtempSync(join(tmpdir(), 'pd-a11y-offline-'));
        writeFileSync(
          join(dataDir, 'preview-settings.json'),
          JSON.stringify({
            settings: { language: combination.language, theme: combination.theme },
            accounts: [{ domain: BAD_ENTRY, email: 'x@x', displayName: 'x' }],
          }),
        );
        const own = await startPreview({ dataDir, emulatorOptions: { agent: false }, log: () => undefined });
        const context = await openAuditContext(browser, {
          locale: combination.language === 'fr' ? 'fr-FR' : 'en-US',
          colorScheme: combination.theme,
        });
        try {
          const appPage = await context.newPage();
          const errors: string[] = [];
          appPage.on('pageerror', (error) => errors.push(error.message));
          await appPage.goto(own.url);
          const notice = appPage.getByTestId('notice-account_skipped');
          await notice.waitFor();
          expect(await notice.textContent()).toContain(t.notices.accountSkipped.replace('{{entry}}', BAD_ENTRY));
          await expectAccessible(appPage, 'notices', combination);

          await own.loseCore();
          const banner = appPage.getByTestId('core-lost');
          await banner.waitFor();
          expect(await banner.textContent()).toContain(t.errors.core_lost.title);
          await expectAccessible(appPage, 'core-lost', combination);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
          await own.close();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    },
    STEP_TIMEOUT_MS,
  );
});

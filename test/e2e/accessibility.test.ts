import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { CASE_SORT_KEYS } from '../../shared/model/case-query';
import { NO_ANSWER_HINT_AFTER_MS } from '../../renderer/features/accounts/sign-in-progress';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, domainPanel, domainTab, lookAtCaseList, screenshot, waitForPage } from './app-page';
import {
  AUDIT_COMBINATIONS,
  type AuditCombination,
  AXE_MISSING,
  auditPage,
  axeSource,
  describeViolations,
  openAuditContext,
} from './axe-audit';
import { launchChromium } from './launch-chromium';

/**
 * Every screen of the e2e, audited by axe-core in English and French, light and dark:
 * no violation of serious or critical impact (nor of the landmark and heading rules
 * an earlier audit found). Also the keyboard behaviour an audit cannot see.
 */

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const STEP_TIMEOUT_MS = 180_000;
/** At 200 % zoom a 1400 × 900 window lays out as 700 × 450 CSS pixels. */
const ZOOMED_200 = { width: 700, height: 450 };
const WIDE = { width: 1400, height: 900 };

const source = axeSource();
if (!source) console.warn(`accessibility.test.ts skipped: ${AXE_MISSING}`);

let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  if (!source) return;
  preview = await startPreview({
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 },
    log: () => undefined,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

function catalog(language: AuditCombination['language']) {
  return language === 'fr' ? fr : en;
}

async function openPage({ language, theme }: AuditCombination, options: { fakeClock?: boolean } = {}): Promise<Page> {
  const context = await openAuditContext(browser, {
    locale: language === 'fr' ? 'fr-FR' : 'en-US',
    colorScheme: theme,
  });
  // A clock the test can move: the sign-in wait's hint shows only after NO_ANSWER_HINT_AFTER_MS.
  if (options.fakeClock) await context.clock.install();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('close', () => expect(errors).toEqual([]));
  await page.goto(preview.url);
  await page.getByTestId('open-settings').waitFor();
  return page;
}

/** Audits the page as it is and fails with axe's findings, naming the screen. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await auditPage(page, source!);
  expect(violations, describeViolations(screen, violations)).toEqual([]);
}

/** Sets language and theme through the settings dialog, auditing the dialog on the way. */
async function applySettings(page: Page, combination: AuditCombination, name: string): Promise<void> {
  await page.getByTestId('open-settings').click();
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByTestId('language-select').selectOption(combination.language);
  await dialog.locator(`label:has(input[value="${combination.theme}"])`).click();
  await expect
    .poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme]))
    .toEqual([combination.language, combination.theme]);
  await expectAccessible(page, `settings dialog (${name})`);
  await screenshot(page, `a11y-${name}-settings`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

/** The first domain's list, settled on its query with every row on screen loaded. */
async function settledList(page: Page): Promise<void> {
  await waitForPage(
    page,
    `the case list of ${NORTHWIND_DOMAIN} to settle`,
    () => lookAtCaseList(page, NORTHWIND_DOMAIN),
    (look) => look.settled && look.count !== null && look.rows.length > 0 && look.loadingRows === 0,
  );
}

const name = (c: AuditCombination) => `${c.language}-${c.theme}`;

describe.skipIf(!source)('accessibility of every screen, in English and French, light and dark', () => {
  it('before any sign-in: the welcome screen and the sign-in dialog', { timeout: STEP_TIMEOUT_MS }, async () => {
    for (const combination of AUDIT_COMBINATIONS) {
      const t = catalog(combination.language);
      const page = await openPage(combination, { fakeClock: true });
      await applySettings(page, combination, name(combination));

      await page.getByTestId('no-accounts').waitFor();
      // The demo names its two domains, so a first-time user knows what to type.
      const welcome = (await page.getByTestId('no-accounts').textContent()) ?? '';
      expect(welcome).toContain(NORTHWIND_DOMAIN);
      expect(welcome).toContain(LUMIERE_DOMAIN);
      await expectAccessible(page, `welcome (${name(combination)})`);
      await screenshot(page, `a11y-${name(combination)}-welcome`);

      await page.getByTestId('add-domain').click();
      const dialog = page.getByTestId('add-domain-dialog');
      await dialog.getByTestId('add-domain-domain').fill(NORTHWIND_DOMAIN);
      await expectAccessible(page, `sign-in dialog (${name(combination)})`);
      await screenshot(page, `a11y-${name(combination)}-sign-in`);

      // Waiting for the browser: audited, then cancelled, which closes the dialog.
      const popupOpened = page.waitForEvent('popup');
      await dialog.getByTestId('add-domain-submit').click();
      const popup = await popupOpened;
      await dialog.getByTestId('sign-in-progress').waitFor();
      expect(await dialog.textContent()).toContain(t.accounts.finishInBrowser);
      await expectAccessible(page, `sign-in waiting (${name(combination)})`);
      await screenshot(page, `a11y-${name(combination)}-sign-in-waiting`);
      // The browser page closed without an answer: the wait says so, and opens it again.
      await page.clock.fastForward(NO_ANSWER_HINT_AFTER_MS + 1000);
      await page.clock.resume();
      await dialog.getByTestId('sign-in-no-answer').waitFor();
      expect(await dialog.textContent()).toContain(t.accounts.noAnswerYet);
      await expectAccessible(page, `sign-in without answer (${name(combination)})`);
      await screenshot(page, `a11y-${name(combination)}-sign-in-no-answer`);
      await popup.close();
      const reopened = page.waitForEvent('popup');
      await dialog.getByTestId('sign-in-open-again').click();
      const popupAgain = await reopened;
      await dialog.getByTestId('sign-in-progress').waitFor();
      expect(await dialog.getByTestId('sign-in-no-answer').count()).toBe(0);
      await dialog.getByTestId('cancel-sign-in').click();
      await dialog.waitFor({ state: 'detached' });
      await popupAgain.close();
      await page.context().close();
    }
  });

  it(
    'signed in: list, open case, narrow layout, missing privilege, dialogs',
    { timeout: 4 * STEP_TIMEOUT_MS },
    async () => {
      const hugo = preview.emulator.control
        .demoAccounts()
        .find((account) => account.domain === LUMIERE_DOMAIN && account.missingPrivilege);
      if (!hugo?.missingPrivilege)
        throw new Error(`The demo data has no user of ${LUMIERE_DOMAIN} lacking a privilege`);
      {
        const page = await openPage(AUDIT_COMBINATIONS[0]);
        await addDomain(page, NORTHWIND_DOMAIN, ALEX);
        await addDomain(page, LUMIERE_DOMAIN, hugo.email);
        await page.context().close();
      }

      for (const combination of AUDIT_COMBINATIONS) {
        const t = catalog(combination.language);
        const label = name(combination);
        const page = await openPage(combination);
        await applySettings(page, combination, label);
        // The domain workspace with its list.
        await settledList(page);
        await expectAccessible(page, `case list (${label})`);
        await screenshot(page, `a11y-${label}-list`);

        // Reopened, the first tab shows: the skip link is the keyboard's first stop and lands on its list.
        await page.reload();
        expect(await page.getByRole('tab', { selected: true }).getAttribute('data-testid')).toBe(
          `domain-tab-${NORTHWIND_DOMAIN}`,
        );
        await settledList(page);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
        await page.keyboard.press('Enter');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('case-grid');
        await screenshot(page, `a11y-${label}-skip-to-grid`);

        // A column widens from the keyboard on its edge (the title gives way).
        const stateHeader = domainPanel(page, NORTHWIND_DOMAIN).locator('[role="columnheader"].col-state');
        const before = (await stateHeader.boundingBox())!.width;
        await stateHeader.getByTestId('column-resizer').focus();
        await page.keyboard.press('ArrowRight');
        await expect.poll(async () => (await stateHeader.boundingBox())!.width).toBe(before + 16);
        await page.keyboard.press('ArrowLeft');
        await expect.poll(async () => (await stateHeader.boundingBox())!.width).toBe(before);

        // Opening a case announces it; Escape closes it and gives the focus back to its row.
        const row = domainPanel(page, NORTHWIND_DOMAIN).getByTestId('case-row').first();
        const caseName = await row.getAttribute('data-case-name');
        await row.click();
        const title = (await page.getByTestId('case-detail').getByTestId('case-title').textContent()) ?? '';
        await expect.poll(() => page.getByTestId('case-announcement').textContent()).toContain(title);
        await expectAccessible(page, `case open (${label})`);
        await screenshot(page, `a11y-${label}-case-open`);
        // With the case open, each row still shows its customer and its state.
        const openRow = domainPanel(page, NORTHWIND_DOMAIN).locator(
          `[data-testid="case-row"][data-case-name="${caseName}"]`,
        );
        expect(await openRow.locator('.col-customer').isVisible()).toBe(true);

        await page.getByTestId('case-detail').getByTestId('close-case').focus();
        await page.keyboard.press('Escape');
        await page.getByTestId('case-detail').waitFor({ state: 'detached' });
        expect(await focusedRowName(page)).toBe(caseName);

        // Arrow keys move the open case, as in a mail client.
        await page.keyboard.press('Enter');
        await page.getByTestId('case-detail').waitFor();
        await page.getByTestId('case-grid').focus();
        await page.keyboard.press('ArrowDown');
        const second = await domainPanel(page, NORTHWIND_DOMAIN)
          .getByTestId('case-row')
          .nth(1)
          .getAttribute('data-case-name');
        await expect
          .poll(() =>
            domainPanel(page, NORTHWIND_DOMAIN)
              .locator('[data-testid="case-row"][aria-selected="true"]')
              .getAttribute('data-case-name'),
          )
          .toBe(second);
        await expect.poll(() => page.getByTestId('case-detail').getByTestId('case-title').count()).toBe(1);
        await page.keyboard.press('Escape');
        await page.getByTestId('case-detail').waitFor({ state: 'detached' });
        expect(await focusedRowName(page)).toBe(second);

        // 200 % zoom: the list declares the columns it shows, menus stay in the window.
        await page.setViewportSize(ZOOMED_200);
        await settledList(page);
        // The layout follows the list's measured width: read it once it has reacted to the zoom.
        const grid = domainPanel(page, NORTHWIND_DOMAIN).getByTestId('case-grid');
        const columns = await waitForPage(
          page,
          'the list to lay out fewer columns at 200 %',
          () =>
            grid.evaluate((node) => ({
              declared: Number(node.getAttribute('aria-colcount')),
              shown: node.querySelectorAll('[role="columnheader"]').length,
            })),
          (seen) => seen.shown > 0 && seen.shown < CASE_SORT_KEYS.length,
        );
        expect(columns.declared).toBe(columns.shown);
        await expectAccessible(page, `200 % zoom list (${label})`);
        await screenshot(page, `a11y-${label}-zoom-list`);
        for (const filter of ['state-filter', 'priority-filter']) {
          await domainPanel(page, NORTHWIND_DOMAIN).getByTestId(filter).click();
          const menu = domainPanel(page, NORTHWIND_DOMAIN).locator('.popover');
          await menu.waitFor();
          const box = (await menu.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(ZOOMED_200.width);
          expect(box.y + box.height).toBeLessThanOrEqual(ZOOMED_200.height);
          await screenshot(page, `a11y-${label}-zoom-${filter}`);
          await page.keyboard.press('Escape');
          await menu.waitFor({ state: 'detached' });
        }
        await domainPanel(page, NORTHWIND_DOMAIN).getByTestId('case-row').first().click();
        await page.getByTestId('case-detail').getByTestId('case-title').waitFor();
        await expectAccessible(page, `200 % zoom, case open (${label})`);
        await screenshot(page, `a11y-${label}-zoom-case`);
        await page.getByTestId('case-detail').getByTestId('close-case').click();
        await page.getByTestId('case-detail').waitFor({ state: 'detached' });
        await page.setViewportSize(WIDE);

        if (combination === AUDIT_COMBINATIONS[0]) await searchHidingTheSelectedCustomer(page);

        // The sign-out dialog.
        await domainPanel(page, NORTHWIND_DOMAIN).getByTestId('sign-out').click();
        await page.getByTestId('sign-out-dialog').waitFor();
        await expectAccessible(page, `sign-out dialog (${label})`);
        await screenshot(page, `a11y-${label}-sign-out`);
        await page.keyboard.press('Escape');
        await page.getByTestId('sign-out-dialog').waitFor({ state: 'detached' });

        // The domain whose user lacks a privilege: said on its tab and in its workspace, in the UI's words.
        await domainTab(page, LUMIERE_DOMAIN).click();
        await domainPanel(page, LUMIERE_DOMAIN)
          .locator('[data-testid="error-state"][data-error-code="missing_privilege"]')
          .waitFor();
        const tab = domainTab(page, LUMIERE_DOMAIN);
        await tab.getByTestId('tab-missing-privilege').waitFor();
        expect(await tab.textContent()).toContain(t.tabs.missingPrivilege);
        const privilegeName = t.privileges.accessCases;
        const [open, close] = combination.language === 'fr' ? ['«\u00a0', '\u00a0»'] : ['“', '”'];
        expect(await domainPanel(page, LUMIERE_DOMAIN).getByTestId('case-list').textContent()).toContain(
          `${open}${privilegeName}${close}`,
        );
        await expectAccessible(page, `missing privilege (${label})`);
        await screenshot(page, `a11y-${label}-missing-privilege`);
        await page.context().close();
      }
    },
  );
});

/** The case row the list's keyboard focus is on: the grid focused, its active descendant that row. */
async function focusedRowName(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    const id = focused?.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.getAttribute('data-case-name') ?? null) : null;
  });
}

/**
 * A customer without reseller access selected, then a customer search that hides it from the
 * list: the list still says why it has no case, not a false "No cases".
 */
async function searchHidingTheSelectedCustomer(page: Page): Promise<void> {
  const panel = domainPanel(page, NORTHWIND_DOMAIN);
  const blocked = panel.locator('[data-testid^="customer-"][data-access="not_granted"]').first();
  const other = panel.locator('[data-testid^="customer-"][data-access="granted"]').first();
  const otherName = (await other.locator('.side-item-label').textContent()) ?? '';
  await blocked.click();
  await panel.getByTestId('no-access').waitFor();
  await panel.getByTestId('customer-search').fill(otherName);
  await expect.poll(() => panel.locator('[data-testid^="customer-"][data-access]').count()).toBe(1);
  expect(await panel.getByTestId('no-access').isVisible()).toBe(true);
  expect(await panel.getByTestId('cases-empty').count()).toBe(0);
  expect(await panel.getByTestId('case-count').count()).toBe(0);
  await screenshot(page, 'a11y-customer-search-hides-selected');
  await panel.getByTestId('customer-search').fill('');
  await panel.getByTestId('my-cases').click();
  await settledList(page);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { CASE_STATE_VALUES, PRIORITY_VALUES } from '../../shared/model/case';
import { startPreview, type Preview } from '../preview/preview-server';
import {
  activePanel,
  addDomain,
  domainTab,
  openApp,
  screenshot,
  shownCaseCount,
  shownCaseNames,
  signInThroughPopup,
} from './app-page';
import { casesVisibleTo, commentsOf, containsKeyword, type VisibleCase } from './emulator-view';
import { launchChromium } from './launch-chromium';

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const CLAIRE = `claire.dubois@${LUMIERE_DOMAIN}`;
const STEP_TIMEOUT_MS = 90_000;

let preview: Preview;
let browser: Browser;
let page: Page;
let pageErrors: string[];
const previewLog: string[] = [];

beforeAll(async () => {
  // No simulated agent: the data must hold still while the test compares it with the screen.
  preview = await startPreview({
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 },
    log: (line) => previewLog.push(line),
  });
  browser = await launchChromium();
  ({ page, pageErrors } = await openApp(browser, preview.url));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

/** A keyword + state + priority that the data says matches a handful of cases (so all fit on screen). */
function chooseFilter(cases: VisibleCase[]) {
  const words = [...new Set(cases.flatMap((c) => c.title.toLowerCase().match(/\p{L}{5,}/gu) ?? []))].sort();
  let best: {
    keyword: string;
    state: VisibleCase['state'];
    priority: VisibleCase['priority'];
    matches: VisibleCase[];
  } | null = null;
  for (const keyword of words) {
    for (const state of CASE_STATE_VALUES) {
      for (const priority of PRIORITY_VALUES) {
        const matches = cases.filter(
          (c) =>
            c.state === state && c.priority === priority && containsKeyword(`${c.title} ${c.description}`, keyword),
        );
        if (matches.length >= 2 && matches.length <= 12 && matches.length > (best?.matches.length ?? 0)) {
          best = { keyword, state, priority, matches };
        }
      }
    }
  }
  if (!best) throw new Error('The demo data has no keyword + state + priority matching 2 to 12 cases');
  return best;
}

describe('Partner Desk in Chromium, on the demo emulator', () => {
  it(
    'signs in to the first demo domain through the sign-in page in the browser popup',
    async () => {
      await addDomain(page, NORTHWIND_DOMAIN, ALEX);
      const expected = await casesVisibleTo(preview.emulator, ALEX);
      expect(expected.length).toBeGreaterThan(0);
      // The first sync may still be running: wait for the list to show every case the emulator lets Alex see.
      await expect.poll(() => shownCaseCount(page), { timeout: 30_000 }).toBe(expected.length);
      expect(await activePanel(page).getAttribute('data-domain')).toBe(NORTHWIND_DOMAIN);
      await screenshot(page, '01-northwind-signed-in');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'signs in to the second demo domain in its own tab',
    async () => {
      await addDomain(page, LUMIERE_DOMAIN, CLAIRE);
      const expected = await casesVisibleTo(preview.emulator, CLAIRE);
      await expect.poll(() => shownCaseCount(page), { timeout: 30_000 }).toBe(expected.length);
      expect(await page.getByRole('tab').count()).toBe(2);
      // Each domain sees only its own customers' cases.
      const alexCases = new Set((await casesVisibleTo(preview.emulator, ALEX)).map((c) => c.name));
      expect((await shownCaseNames(page)).filter((name) => alexCases.has(name))).toEqual([]);
      await screenshot(page, '02-two-domains');
    },
    STEP_TIMEOUT_MS,
  );

  it('switches tabs by click and by Ctrl+2', { timeout: STEP_TIMEOUT_MS }, async () => {
    await domainTab(page, NORTHWIND_DOMAIN).click();
    await expect.poll(() => activePanel(page).getAttribute('data-domain'), { timeout: 10_000 }).toBe(NORTHWIND_DOMAIN);
    expect(await domainTab(page, NORTHWIND_DOMAIN).getAttribute('aria-selected')).toBe('true');
    expect(await domainTab(page, LUMIERE_DOMAIN).getAttribute('aria-selected')).toBe('false');

    await page.keyboard.press('Control+2');
    await expect.poll(() => activePanel(page).getAttribute('data-domain'), { timeout: 10_000 }).toBe(LUMIERE_DOMAIN);
    expect(await domainTab(page, LUMIERE_DOMAIN).getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('Control+1');
    await expect.poll(() => activePanel(page).getAttribute('data-domain'), { timeout: 10_000 }).toBe(NORTHWIND_DOMAIN);
  });

  let filteredNames: string[] = [];

  it(
    'filters by keyword, state and priority: the rows shown are exactly the matching cases',
    async () => {
      const cases = await casesVisibleTo(preview.emulator, ALEX);
      const filter = chooseFilter(cases);
      const panel = activePanel(page);

      await panel.getByTestId('keyword-filter').fill(filter.keyword);
      await panel.getByTestId('state-filter').click();
      await panel.getByRole('checkbox', { name: en.state[filter.state], exact: true }).check();
      await page.keyboard.press('Escape');
      await panel.getByTestId('priority-filter').click();
      await panel.getByRole('checkbox', { name: en.priority[filter.priority], exact: true }).check();
      await page.keyboard.press('Escape');

      // Every case matching on title or description must show; a row matching only through a
      // comment is allowed too (the keyword also searches comments), checked against the emulator.
      await expect
        .poll(() => shownCaseNames(page), { timeout: 20_000 })
        .toEqual(expect.arrayContaining(filter.matches.map((c) => c.name)));
      filteredNames = await shownCaseNames(page);
      expect(await shownCaseCount(page)).toBe(filteredNames.length);
      const byName = new Map(cases.map((c) => [c.name, c]));
      for (const name of filteredNames) {
        const shown = byName.get(name);
        expect(shown, `row ${name} is not a case Alex can see`).toBeDefined();
        expect(shown!.state).toBe(filter.state);
        expect(shown!.priority).toBe(filter.priority);
        const text = `${shown!.title} ${shown!.description} ${(await commentsOf(preview.emulator, ALEX, name)).map((c) => c.body).join(' ')}`;
        expect(containsKeyword(text, filter.keyword), `row ${name} does not contain "${filter.keyword}"`).toBe(true);
      }
      // And the filter really filtered.
      expect(filteredNames.length).toBeLessThan(cases.length);
      await screenshot(page, '03-filtered');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'opens a case: its fields and its history as the emulator has them',
    async () => {
      const name = filteredNames[0]!;
      const expected = (await casesVisibleTo(preview.emulator, ALEX)).find((c) => c.name === name)!;
      const comments = await commentsOf(preview.emulator, ALEX, name);
      await activePanel(page).locator(`[data-testid="case-row"][data-case-name="${name}"]`).click();

      const detail = page.getByTestId('case-detail');
      await expect.poll(() => detail.getByTestId('case-title').textContent(), { timeout: 20_000 }).toBe(expected.title);
      expect(await detail.textContent()).toContain(expected.description.slice(0, 60));
      await expect.poll(() => detail.getByTestId('case-comment').count(), { timeout: 20_000 }).toBe(comments.length);
      expect(await detail.locator('[data-testid="case-comment"][data-google-support="true"]').count()).toBe(
        comments.filter((c) => c.creator?.googleSupport).length,
      );
      // History reads oldest first, so the newest message is last.
      const times = await detail
        .getByTestId('case-comment')
        .locator('time')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
      expect(times).toEqual([...times].sort());
      // Author, Google-support badge and time share one line, even with the case panel beside the list.
      const headsOnOneLine = await activePanel(page)
        .locator('.comment-head')
        .evaluateAll((heads) =>
          heads.map((head) => {
            const tops = [...head.children].map((child) => Math.round(child.getBoundingClientRect().top));
            return Math.max(...tops) - Math.min(...tops) < 8;
          }),
        );
      expect(headsOnOneLine.length).toBeGreaterThan(0);
      expect(headsOnOneLine.every(Boolean)).toBe(true);
      await screenshot(page, '04-case-detail');
    },
    STEP_TIMEOUT_MS,
  );

  it('switches the language to French', { timeout: STEP_TIMEOUT_MS }, async () => {
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language-select').selectOption('fr');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 10_000 }).toBe('fr');
    await screenshot(page, '05-settings-fr');
    // A modal: the page behind is inert and dimmed, focus stays inside, Escape closes it.
    const dialog = page.getByTestId('settings-dialog');
    expect(await dialog.evaluate((node) => node.matches(':modal'))).toBe(true);
    expect(await dialog.evaluate((node) => getComputedStyle(node).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    for (let i = 0; i < 8; i += 1) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    const panel = activePanel(page);
    await expect
      .poll(() => panel.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe(fr.customers.myCases);
    expect(await panel.getByTestId('state-filter').textContent()).toContain(fr.filters.state);
    expect(await panel.getByTestId('case-count').textContent()).toContain('demande');
    await screenshot(page, '06-french');
  });

  it(
    'asks only the domain whose session died to sign in again, then signs it back in',
    async () => {
      await domainTab(page, LUMIERE_DOMAIN).click();
      preview.emulator.control.revokeUserTokens(CLAIRE);
      await activePanel(page).getByTestId('sync-now').click();

      const banner = activePanel(page).getByTestId('needs-sign-in-banner');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toContain(LUMIERE_DOMAIN);
      expect(await domainTab(page, LUMIERE_DOMAIN).textContent()).toContain(fr.tabs.needsSignIn);
      expect(await domainTab(page, NORTHWIND_DOMAIN).textContent()).not.toContain(fr.tabs.needsSignIn);
      // Saved cases stay on screen.
      expect(await activePanel(page).getByTestId('case-row').count()).toBeGreaterThan(0);
      // The banner says it once; the status line only that refreshing is paused.
      const statusLine = (await activePanel(page).getByTestId('sync-status').textContent()) ?? '';
      expect(statusLine).toContain(fr.sync.pausedForSignIn);
      expect(statusLine).not.toContain(LUMIERE_DOMAIN);
      await screenshot(page, '07-needs-sign-in');

      await signInThroughPopup(page, CLAIRE, () =>
        banner.getByRole('button', { name: fr.accounts.signInAgain }).click(),
      );
      await banner.waitFor({ state: 'detached', timeout: 30_000 });
      expect(await domainTab(page, LUMIERE_DOMAIN).textContent()).not.toContain(fr.tabs.needsSignIn);
      await screenshot(page, '08-signed-in-again');
    },
    STEP_TIMEOUT_MS,
  );

  it('left no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

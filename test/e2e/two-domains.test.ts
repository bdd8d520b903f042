import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { CASE_STATE_VALUES, PRIORITY_VALUES } from '../../shared/model/case';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { startPreview, type Preview } from '../preview/preview-server';
import {
  addDomain,
  domainPanel,
  domainTab,
  openApp,
  screenshot,
  settledCaseDetail,
  settledCaseList,
  signInThroughPopup,
  waitForPage,
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

/**
 * A keyword + state + priority that the data says matches a handful of cases (so all fit
 * on screen), and whose answer does not depend on when the app's server-side keyword
 * search (which also looks in comments) comes back: no case of that state and priority
 * has the keyword only in its comments. Then the list's settled answer is exact at once.
 */
function chooseFilter(cases: VisibleCase[], commentText: ReadonlyMap<string, string>) {
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
        const candidates = cases.filter((c) => c.state === state && c.priority === priority);
        const matches = candidates.filter((c) => containsKeyword(`${c.title} ${c.description}`, keyword));
        const onlyInComments = candidates.some(
          (c) => !matches.includes(c) && containsKeyword(commentText.get(c.name) ?? '', keyword),
        );
        if (
          !onlyInComments &&
          matches.length >= 2 &&
          matches.length <= 12 &&
          matches.length > (best?.matches.length ?? 0)
        ) {
          best = { keyword, state, priority, matches };
        }
      }
    }
  }
  if (!best) throw new Error('The demo data has no keyword + state + priority matching 2 to 12 cases');
  return best;
}

const sorted = (names: readonly string[]) => [...names].sort();

describe('Partner Desk in Chromium, on the demo emulator', () => {
  it(
    'signs in to the first demo domain through the sign-in page in the browser popup',
    async () => {
      await addDomain(page, NORTHWIND_DOMAIN, ALEX);
      const expected = await casesVisibleTo(preview.emulator, ALEX);
      expect(expected.length).toBeGreaterThan(0);
      // The first sync is over and the list has settled on what it brought.
      const list = await settledCaseList(
        page,
        NORTHWIND_DOMAIN,
        { filters: EMPTY_CASE_FILTERS },
        { syncState: 'idle' },
      );
      expect(list.count).toBe(expected.length);
      expect(list.rows.length).toBeGreaterThan(0);
      const visible = new Set(expected.map((c) => c.name));
      expect(list.rows.filter((name) => !visible.has(name))).toEqual([]);
      await screenshot(page, '01-northwind-signed-in');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'signs in to the second demo domain in its own tab',
    async () => {
      await addDomain(page, LUMIERE_DOMAIN, CLAIRE);
      const expected = await casesVisibleTo(preview.emulator, CLAIRE);
      const list = await settledCaseList(page, LUMIERE_DOMAIN, { filters: EMPTY_CASE_FILTERS }, { syncState: 'idle' });
      expect(list.count).toBe(expected.length);
      // The All-domains tab, then one tab per domain.
      expect(await page.getByRole('tab').count()).toBe(3);
      // Each domain sees only its own customers' cases.
      const claireCases = new Set(expected.map((c) => c.name));
      expect(list.rows.length).toBeGreaterThan(0);
      expect(list.rows.filter((name) => !claireCases.has(name))).toEqual([]);
      await screenshot(page, '02-two-domains');
    },
    STEP_TIMEOUT_MS,
  );

  it('switches tabs by click and by Ctrl+2', { timeout: STEP_TIMEOUT_MS }, async () => {
    // Each switch waits for the tab's workspace itself, then reads the tabs rendered with it.
    await domainTab(page, NORTHWIND_DOMAIN).click();
    await domainPanel(page, NORTHWIND_DOMAIN).waitFor({ timeout: 10_000 });
    expect(await domainTab(page, NORTHWIND_DOMAIN).getAttribute('aria-selected')).toBe('true');
    expect(await domainTab(page, LUMIERE_DOMAIN).getAttribute('aria-selected')).toBe('false');

    await page.keyboard.press('Control+2');
    await domainPanel(page, LUMIERE_DOMAIN).waitFor({ timeout: 10_000 });
    expect(await domainTab(page, LUMIERE_DOMAIN).getAttribute('aria-selected')).toBe('true');
    expect(await domainTab(page, NORTHWIND_DOMAIN).getAttribute('aria-selected')).toBe('false');

    await page.keyboard.press('Control+1');
    await domainPanel(page, NORTHWIND_DOMAIN).waitFor({ timeout: 10_000 });
    expect(await domainTab(page, NORTHWIND_DOMAIN).getAttribute('aria-selected')).toBe('true');
  });

  let filteredNames: string[] = [];

  it(
    'filters by keyword, state and priority: the rows shown are exactly the matching cases',
    async () => {
      const cases = await casesVisibleTo(preview.emulator, ALEX);
      const commentText = new Map(
        await Promise.all(
          cases.map(
            async (c) =>
              [c.name, (await commentsOf(preview.emulator, ALEX, c.name)).map((m) => m.body).join('\n')] as const,
          ),
        ),
      );
      const filter = chooseFilter(cases, commentText);
      const panel = domainPanel(page, NORTHWIND_DOMAIN);

      await panel.getByTestId('keyword-filter').fill(filter.keyword);
      await panel.getByTestId('state-filter').click();
      await panel.getByRole('checkbox', { name: en.state[filter.state], exact: true }).check();
      await page.keyboard.press('Escape');
      await panel.getByTestId('priority-filter').click();
      await panel.getByRole('checkbox', { name: en.priority[filter.priority], exact: true }).check();
      await page.keyboard.press('Escape');

      // The answer to all three filters, not a list left from the keyword alone or keyword + state.
      const list = await settledCaseList(page, NORTHWIND_DOMAIN, {
        filters: { keyword: filter.keyword, states: [filter.state], priorities: [filter.priority] },
      });
      filteredNames = list.rows;
      expect(sorted(list.rows)).toEqual(sorted(filter.matches.map((c) => c.name)));
      expect(list.count).toBe(filter.matches.length);
      // And the filter really filtered.
      expect(filter.matches.length).toBeLessThan(cases.length);
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
      await domainPanel(page, NORTHWIND_DOMAIN).locator(`[data-testid="case-row"][data-case-name="${name}"]`).click();

      const detail = await settledCaseDetail(page, NORTHWIND_DOMAIN, expected.title);
      expect(detail.text).toContain(expected.description.slice(0, 60));
      expect(detail.comments).toBe(comments.length);
      expect(detail.googleSupportComments).toBe(comments.filter((c) => c.creator?.googleSupport).length);
      // History reads oldest first, so the newest message is last.
      expect(detail.commentTimes).toEqual([...detail.commentTimes].sort());
      // Author, Google-support badge and time share one line, even with the case panel beside the list.
      expect(detail.headsOnOneLine.length).toBeGreaterThan(0);
      expect(detail.headsOnOneLine.every(Boolean)).toBe(true);
      await screenshot(page, '04-case-detail');
    },
    STEP_TIMEOUT_MS,
  );

  it('switches the language to French', { timeout: STEP_TIMEOUT_MS }, async () => {
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language-select').selectOption('fr');
    const dialog = page.getByTestId('settings-dialog');
    // The dialog itself re-rendered in French, not only the <html lang> its effect sets first.
    await waitForPage(
      page,
      'the settings dialog in French',
      () => page.evaluate(() => document.documentElement.lang),
      (lang) => lang === 'fr',
    );
    await dialog.getByRole('heading', { name: fr.settings.title, exact: true }).waitFor({ timeout: 10_000 });
    await screenshot(page, '05-settings-fr');
    // A modal: the page behind is inert and dimmed, focus stays inside, Escape closes it.
    expect(await dialog.evaluate((node) => node.matches(':modal'))).toBe(true);
    expect(await dialog.evaluate((node) => getComputedStyle(node).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    for (let i = 0; i < 8; i += 1) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    // One look at the list once its heading reads French: the rest of it was rendered in the same pass.
    const look = await waitForPage(
      page,
      'the case list in French',
      () =>
        page.evaluate((domain) => {
          const list = document.querySelector(
            `[data-testid="domain-panel"][data-domain="${domain}"] [data-testid="case-list"]`,
          );
          return {
            heading: list?.querySelector('h1')?.textContent ?? null,
            stateFilter: list?.querySelector('[data-testid="state-filter"]')?.textContent ?? null,
            count: list?.querySelector('[data-testid="case-count"]')?.textContent ?? null,
          };
        }, NORTHWIND_DOMAIN),
      (seen) => seen.heading === fr.customers.myCases,
    );
    expect(look.stateFilter).toContain(fr.filters.state);
    expect(look.count).toContain('demande');
    await screenshot(page, '06-french');
  });

  it(
    'asks only the domain whose session died to sign in again, then signs it back in',
    async () => {
      await domainTab(page, LUMIERE_DOMAIN).click();
      const panel = domainPanel(page, LUMIERE_DOMAIN);
      await panel.waitFor({ timeout: 10_000 });
      preview.emulator.control.revokeUserTokens(CLAIRE);
      await panel.getByTestId('sync-now').click();

      // Settled: the account needs a sign-in (the banner) and its sync is paused (the status line's state).
      const banner = panel.getByTestId('needs-sign-in-banner');
      const paused = await waitForPage(
        page,
        `${LUMIERE_DOMAIN} to ask for a sign-in, its sync paused`,
        () =>
          page.evaluate(
            ({ domain, other }) => {
              const panel = document.querySelector(`[data-testid="domain-panel"][data-domain="${domain}"]`);
              const status = panel?.querySelector<HTMLElement>('[data-testid="sync-status"]');
              return {
                banner: panel?.querySelector('[data-testid="needs-sign-in-banner"]')?.textContent ?? null,
                syncState: status?.dataset.syncState ?? null,
                statusLine: status?.textContent ?? '',
                rows: panel?.querySelectorAll('[data-testid="case-row"]').length ?? 0,
                tab: document.querySelector(`[data-testid="domain-tab-${domain}"]`)?.textContent ?? '',
                otherTab: document.querySelector(`[data-testid="domain-tab-${other}"]`)?.textContent ?? '',
              };
            },
            { domain: LUMIERE_DOMAIN, other: NORTHWIND_DOMAIN },
          ),
        (seen) => seen.banner !== null && seen.syncState === 'error',
      );
      expect(paused.banner).toContain(LUMIERE_DOMAIN);
      expect(paused.tab).toContain(fr.tabs.needsSignIn);
      expect(paused.otherTab).not.toContain(fr.tabs.needsSignIn);
      // Saved cases stay on screen.
      expect(paused.rows).toBeGreaterThan(0);
      // The banner says it once; the status line only that refreshing is paused.
      expect(paused.statusLine).toContain(fr.sync.pausedForSignIn);
      expect(paused.statusLine).not.toContain(LUMIERE_DOMAIN);
      await screenshot(page, '07-needs-sign-in');

      await signInThroughPopup(page, CLAIRE, () =>
        banner.getByRole('button', { name: fr.accounts.signInAgain }).click(),
      );
      await banner.waitFor({ state: 'detached', timeout: 30_000 });
      expect(await domainTab(page, LUMIERE_DOMAIN).textContent()).not.toContain(fr.tabs.needsSignIn);
      // Signed back in: a new sync ran and the list settled on every case Claire may see.
      const list = await settledCaseList(page, LUMIERE_DOMAIN, { filters: EMPTY_CASE_FILTERS }, { syncState: 'idle' });
      expect(list.count).toBe((await casesVisibleTo(preview.emulator, CLAIRE)).length);
      await screenshot(page, '08-signed-in-again');
    },
    STEP_TIMEOUT_MS,
  );

  it('left no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

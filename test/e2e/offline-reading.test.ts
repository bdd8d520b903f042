import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { NORTHWIND_DOMAIN } from '../../main/emulator';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { startPreview, type Preview } from '../preview/preview-server';
import {
  addSyncedDomain,
  domainPanel,
  lookAtCaseList,
  openApp,
  screenshot,
  settledCaseDetail,
  settledCaseList,
  waitForPage,
} from './app-page';
import { launchChromium } from './launch-chromium';

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const STEP_TIMEOUT_MS = 90_000;
/**
 * "At once": well under the ~6 s a read used to spend retrying a dead connection before
 * saying anything. The page is looked at every 50 ms, so this bounds what the user waits.
 */
const AT_ONCE_MS = 2_000;

let preview: Preview;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  // No simulated agent: the cases hold still while the test compares them with the screen.
  preview = await startPreview({
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 },
    log: () => undefined,
  });
  browser = await launchChromium();
  ({ page, pageErrors } = await openApp(browser, preview.url));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

/** The case panel of Northwind, read in one go: what a user sees of a saved copy. */
async function lookAtCasePane(page: Page) {
  return page.evaluate((domain) => {
    const panel = document.querySelector(`[data-testid="domain-panel"][data-domain="${domain}"]`);
    const detail = panel?.querySelector('[data-testid="case-detail"]');
    return {
      title: detail?.querySelector('[data-testid="case-title"]')?.textContent ?? null,
      savedCopy: detail?.querySelector('[data-testid="saved-copy"]')?.textContent ?? null,
      refreshFailed: detail?.querySelector('[data-testid="refresh-failed"]')?.textContent ?? null,
      notSaved: detail?.querySelector('[data-testid="case-not-saved"]')?.textContent ?? null,
      loading: detail?.querySelector('.center-fill .spinner') !== null && detail !== undefined,
    };
  }, NORTHWIND_DOMAIN);
}

async function openCase(name: string): Promise<void> {
  await domainPanel(page, NORTHWIND_DOMAIN).locator(`[data-testid="case-row"][data-case-name="${name}"]`).click();
}

async function closeCase(): Promise<void> {
  await domainPanel(page, NORTHWIND_DOMAIN).getByTestId('close-case').click();
  await waitForPage(
    page,
    'the case panel to close',
    () => lookAtCasePane(page),
    (look) => look.title === null && look.notSaved === null,
  );
}

describe('offline reading', () => {
  const seen = { name: '', title: '' };
  const unseen = { name: '', title: '' };

  it(
    'views a case while online',
    async () => {
      const list = await addSyncedDomain(page, NORTHWIND_DOMAIN, ALEX);
      expect(list.rows.length).toBeGreaterThan(2);
      [seen.name, unseen.name] = [list.rows[0]!, list.rows[1]!];
      await openCase(seen.name);
      const look = await waitForPage(
        page,
        'the first case to load from the network',
        () => lookAtCasePane(page),
        (l) => l.title !== null && !l.loading,
      );
      seen.title = look.title!;
      await settledCaseDetail(page, NORTHWIND_DOMAIN, seen.title);
      await closeCase();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'offline for that domain: the viewed case opens at once as a saved copy; an uncached one says so at once',
    async () => {
      preview.network.cutOff(NORTHWIND_DOMAIN);
      await domainPanel(page, NORTHWIND_DOMAIN).getByTestId('sync-now').click();
      const list = await settledCaseList(
        page,
        NORTHWIND_DOMAIN,
        { filters: EMPTY_CASE_FILTERS },
        { syncState: 'offline' },
      );
      expect(await domainPanel(page, NORTHWIND_DOMAIN).getByTestId('sync-status').textContent()).toContain(
        en.sync.offline,
      );

      await openCase(seen.name);
      const saved = await waitForPage(
        page,
        'the saved copy with why it was not refreshed',
        () => lookAtCasePane(page),
        (l) => l.title === seen.title && l.refreshFailed !== null,
        AT_ONCE_MS,
      );
      expect(saved.savedCopy).toContain(en.case.savedCopy.split('{{')[0]!);
      expect(saved.refreshFailed).toContain(en.case.couldNotRefresh.replace('{{cause}}', en.errors.offline.title));
      await screenshot(page, 'offline-saved-copy');
      await closeCase();

      await openCase(unseen.name);
      const notSaved = await waitForPage(
        page,
        'the uncached case to say it is not saved',
        () => lookAtCasePane(page),
        (l) => l.notSaved !== null,
        AT_ONCE_MS,
      );
      expect(notSaved.notSaved).toContain(en.case.notSavedTitle);
      expect(notSaved.notSaved).toContain(en.case.notSavedOffline.replace('{{domain}}', NORTHWIND_DOMAIN));
      await screenshot(page, 'offline-not-saved');

      // A keyword typed meanwhile stays, and the list answers it from the saved cases.
      const keyword = seen.title.split(/\s+/).find((word) => word.length >= 4) ?? seen.title;
      const filter = domainPanel(page, NORTHWIND_DOMAIN).getByTestId('keyword-filter');
      await filter.fill(keyword);
      const filtered = await settledCaseList(
        page,
        NORTHWIND_DOMAIN,
        { filters: { ...EMPTY_CASE_FILTERS, keyword } },
        { syncState: 'offline' },
      );
      expect(filtered.rows).toContain(seen.name);
      expect(filtered.count).toBeLessThanOrEqual(list.count!);
      expect(await filter.inputValue()).toBe(keyword);
      await filter.fill('');
      await settledCaseList(page, NORTHWIND_DOMAIN, { filters: EMPTY_CASE_FILTERS });
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'back online: the status recovers and the case that could not be read opens',
    async () => {
      preview.network.restore(NORTHWIND_DOMAIN);
      // The OS says the network is back (e.g. after a train tunnel): the domain tries at once.
      preview.network.say('offline');
      preview.network.say('online');
      await settledCaseList(page, NORTHWIND_DOMAIN, { filters: EMPTY_CASE_FILTERS }, { syncState: 'idle' });
      const opened = await waitForPage(
        page,
        'the uncached case to open once back online',
        () => lookAtCasePane(page),
        (l) => l.title !== null && !l.loading,
      );
      expect(opened.notSaved).toBeNull();
      expect(opened.savedCopy).toBeNull();
      await closeCase();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a 500 on refresh keeps the saved copy and says it could not refresh, in both languages',
    async () => {
      for (const [language, text] of [
        ['en', en],
        ['fr', fr],
      ] as const) {
        await preview.core.handlers['settings:set']({ language });
        preview.emulator.control.faults.add({ route: 'cases.get', kind: '500' });
        await openCase(seen.name);
        const look = await waitForPage(
          page,
          `the saved copy with the refresh failure (${language})`,
          () => lookAtCasePane(page),
          (l) => l.title === seen.title && l.refreshFailed !== null,
        );
        expect(look.refreshFailed).toContain(text.case.couldNotRefresh.replace('{{cause}}', text.errors.server.title));
        expect(look.savedCopy).toContain(text.case.savedCopy.split('{{')[0]!);
        // A server error is not being offline: the status line does not say so.
        const status = await settledCaseList(page, NORTHWIND_DOMAIN, { filters: EMPTY_CASE_FILTERS });
        expect(status.syncState).not.toBe('offline');
        await screenshot(page, `refresh-failed-${language}`);
        preview.emulator.control.faults.clear();
        await closeCase();
      }
      await preview.core.handlers['settings:set']({ language: 'en' });
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "losing the app's core is shown as that, not as offline or up to date",
    async () => {
      await preview.loseCore();
      const look = await waitForPage(
        page,
        "the core's loss to show",
        () =>
          page.evaluate(() => ({
            banner: document.querySelector('[data-testid="core-lost"]')?.textContent ?? null,
            status: document.querySelector('[data-testid="sync-status"]')?.textContent ?? null,
            state: document.querySelector<HTMLElement>('[data-testid="sync-status"]')?.dataset.syncState ?? null,
          })),
        (l) => l.banner !== null,
      );
      expect(look.banner).toContain(en.errors.core_lost.title);
      expect(look.state).toBe('core-lost');
      expect(look.status).toContain(en.sync.coreLost);
      expect(look.status).not.toContain(en.sync.offline);
      expect(look.status).not.toContain(en.sync.updated.split('{{')[0]!);
      await screenshot(page, 'core-lost');

      // A keyword typed now stays where it was typed, and the list says why it cannot answer.
      const filter = domainPanel(page, NORTHWIND_DOMAIN).getByTestId('keyword-filter');
      await filter.fill('gmail');
      const list = await waitForPage(
        page,
        'the list to say the core is lost',
        () => lookAtCaseList(page, NORTHWIND_DOMAIN),
        (l) => l.errorCode !== null,
      );
      expect(list.errorCode).toBe('core_lost');
      expect(await filter.inputValue()).toBe('gmail');
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );
});

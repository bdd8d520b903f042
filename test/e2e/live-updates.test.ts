import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import type { GoogleSupportAction } from '../../main/emulator/support-agent';
import { en } from '../../shared/i18n/en';
import { EMPTY_CASE_FILTERS, type CaseRow } from '../../shared/model/case-query';
import type { Preview } from '../preview/preview-server';
import {
  addSyncedDomain,
  DEMO_SIGN_INS,
  domainPanel,
  domainTab,
  openApp,
  screenshot,
  settledCaseDetail,
  waitForPage,
} from './app-page';
import {
  TOAST_TIMEOUT_MS,
  clickToast,
  dismissToasts,
  lookAtToasts,
  quietCase as quietCaseOf,
  startLivePreview,
  toastAbout,
} from './live-view';
import { launchChromium } from './launch-chromium';

/**
 * Issue 8's promise through the browser preview: the user works in domain A's tab, Google
 * support answers a case of domain B, a notification shows (the preview's in-page toast,
 * through the same Notifier port as the OS one), and its Open button selects B's tab with
 * that case open, read, and the badge recounted. Then the unread marks in B's list, Mark
 * all read, and a mute from the tab’s menu. The core polls busy customers every second (its tuning), so
 * each wait below is for a settled state, never a sleep.
 */

const A = NORTHWIND_DOMAIN;
const B = LUMIERE_DOMAIN;
const ALEX = `alex.morgan@${A}`;
const CLAIRE = `claire.dubois@${B}`;
const STEP_TIMEOUT_MS = 90_000;

let preview: Preview;
let browser: Browser;
let page: Page;
let pageErrors: string[];
const taken = new Set<string>();

beforeAll(async () => {
  // No simulated agent and no index delay: the cases change only when the test acts as Google.
  preview = await startLivePreview();
  browser = await launchChromium();
  ({ page, pageErrors } = await openApp(browser, preview.url));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

/** A case of `email`'s domain Google is working on, not used by an earlier step. */
const quietCase = (email: string) => quietCaseOf(preview.emulator, email, taken);

const google = (name: string, action: GoogleSupportAction) => preview.emulator.control.actAsGoogle(name, action);

/** Every case of `domain` as the core lists it ("My cases", no filter). */
async function coreRows(domain: string): Promise<CaseRow[]> {
  const result = await preview.core.handlers['cases:query']({
    domain,
    filters: EMPTY_CASE_FILTERS,
    sort: { key: 'updateTime', direction: 'desc' },
    offset: 0,
    limit: 10_000,
  });
  return result.rows;
}

/** The tab's count recounted from the rows: ACTION_REQUIRED or unread. */
async function recount(domain: string): Promise<number> {
  return (await coreRows(domain)).filter((row) => row.state === 'ACTION_REQUIRED' || row.unread).length;
}

/** The number a tab's badge shows (0 when it shows none). */
async function badgeOf(domain: string): Promise<number> {
  const text = await domainTab(page, domain)
    .locator('[data-testid="attention-badge"] [aria-hidden="true"]')
    .allTextContents();
  return text.length === 0 ? 0 : Number(text[0]!.replace(/\D/g, ''));
}

/** One row of B's list as shown: unread mark, weight of its title. */
async function lookAtRow(domain: string, name: string) {
  return page.evaluate(
    ([domain, name]) => {
      const panel = document.querySelector(`[data-testid="domain-panel"][data-domain="${domain}"]`);
      const row = panel?.querySelector<HTMLElement>(`[data-testid="case-row"][data-case-name="${name}"]`);
      const title = row?.querySelector<HTMLElement>('.case-title-text');
      return {
        present: row !== null && row !== undefined,
        dot: row?.querySelector('[data-testid="unread-mark"]') !== null && row !== null && row !== undefined,
        weight: title ? Number(getComputedStyle(title).fontWeight) : 0,
        legend: panel?.querySelector('[data-testid="unread-legend"]') !== null && panel !== null,
      };
    },
    [domain, name] as const,
  );
}

describe('live updates through the preview: domain A on screen, Google answers in domain B', () => {
  it(
    'signs in to both domains; their first syncs are summed up, one toast each',
    { timeout: STEP_TIMEOUT_MS },
    async () => {
      for (const { domain, email } of DEMO_SIGN_INS) await addSyncedDomain(page, domain, email);
      // Both domains have cases waiting on the team (the demo data): a summary each, naming no case.
      const summaries = await waitForPage(
        page,
        'one first-sync summary per domain',
        () => lookAtToasts(page),
        (seen) => [A, B].every((domain) => seen.some((toast) => toast.domain === domain && toast.cases === '')),
        TOAST_TIMEOUT_MS,
      );
      expect(summaries.filter((toast) => toast.cases !== '')).toEqual([]);
      await dismissToasts(page);
    },
  );

  it(
    'a toast names B’s case over A; Open selects B with that case open showing Google’s answer, read, the badge recounted',
    { timeout: STEP_TIMEOUT_MS },
    async () => {
      await domainTab(page, A).click();
      await domainPanel(page, A).waitFor();
      const answered = await quietCase(CLAIRE);
      const answer = `We found the cause (${answered.name.slice(-6)}).`;
      google(answered.name, { comment: answer });

      const toast = await toastAbout(page, B, answered.name);
      expect(toast.text).toContain(answered.title);
      expect(toast.text).toContain(en.native.notifications.change.comment);
      expect(await domainTab(page, A).getAttribute('aria-selected')).toBe('true');
      await screenshot(page, 'live-01-toast-over-domain-a');

      await clickToast(page, toast.id, 'open');
      await domainPanel(page, B).waitFor();
      expect(await domainTab(page, B).getAttribute('aria-selected')).toBe('true');
      const detail = await waitForPage(
        page,
        'the answered case open with Google’s answer',
        () => settledCaseDetail(page, B, answered.title),
        (look) => look.text.includes(answer),
      );
      expect(detail.googleSupportComments).toBeGreaterThan(0);
      expect(await lookAtToasts(page)).toEqual([]);

      // Opened is read: in the core, in the list (no dot), and the badge is a recount.
      await waitForPage(
        page,
        'the opened case read, its row without a dot',
        () => lookAtRow(B, answered.name),
        (row) => row.present && !row.dot,
      );
      expect((await coreRows(B)).find((row) => row.name === answered.name)?.unread).toBe(false);
      await waitForPage(
        page,
        'B’s badge to equal a recount',
        async () => [await badgeOf(B), await recount(B)],
        ([shown, counted]) => shown === counted,
      );
      await screenshot(page, 'live-02-domain-b-case-opened-from-toast');
    },
  );

  it(
    'an unread case is bold with a dot and a legend; Mark all read clears the view',
    { timeout: STEP_TIMEOUT_MS },
    async () => {
      // The case on screen stays open: the new answer is on another case, so it stays unread.
      const unread = await quietCase(CLAIRE);
      google(unread.name, { comment: 'Could you send the message headers?', state: 'ACTION_REQUIRED' });
      await toastAbout(page, B, unread.name);
      const row = await waitForPage(
        page,
        'the changed case unread in B’s list',
        () => lookAtRow(B, unread.name),
        (seen) => seen.present && seen.dot && seen.legend,
      );
      expect(row.weight).toBeGreaterThanOrEqual(600);
      const read = await lookAtRow(B, [...taken][0]!);
      expect(read.weight).toBeLessThan(row.weight);
      await dismissToasts(page);
      await screenshot(page, 'live-03-unread-list-with-legend');

      await domainPanel(page, B).getByTestId('mark-all-read').click();
      const after = await waitForPage(
        page,
        'Mark all read to clear the dots and the legend',
        () => lookAtRow(B, unread.name),
        (seen) => seen.present && !seen.dot && !seen.legend,
      );
      expect(after.weight).toBeLessThan(row.weight);
      expect((await coreRows(B)).filter((row) => row.unread)).toEqual([]);
      await waitForPage(
        page,
        'B’s badge to equal a recount',
        async () => [await badgeOf(B), await recount(B)],
        ([shown, counted]) => shown === counted,
      );
    },
  );

  it('muted from its tab’s menu, B shows no toast while A still does', { timeout: STEP_TIMEOUT_MS }, async () => {
    await domainTab(page, B).click({ button: 'right' });
    await page.getByTestId('tab-menu').waitFor();
    await page.getByTestId('tab-menu-mute').click();
    await domainTab(page, B).getByTestId('tab-muted').waitFor();
    expect((await preview.core.handlers['settings:get']({})).notifications.mutedDomains).toEqual([B]);

    // B's answer first, A's once B's sync has taken it in: A's toast, held for the same
    // grouping window, comes after B's would have, so once it shows B's had its chance.
    const inB = await quietCase(CLAIRE);
    const seenInB = new Promise<void>((resolve) => {
      const stop = preview.core.onChanges((burst) => {
        if (burst.domain !== B || !burst.changes.some((change) => change.name === inB.name)) return;
        stop();
        resolve();
      });
    });
    google(inB.name, { comment: 'Réponse pendant la sourdine.' });
    await seenInB;
    const inA = await quietCase(ALEX);
    google(inA.name, { comment: 'Answer for A.' });
    await toastAbout(page, A, inA.name);
    expect((await lookAtToasts(page)).filter((toast) => toast.domain === B)).toEqual([]);
    expect(preview.notifications.shown().filter((shown) => shown.domain === B)).toEqual([]);
    // Muted is not unseen: B's case is unread in its list all the same.
    await waitForPage(
      page,
      'B’s muted answer unread in its list',
      () => lookAtRow(B, inB.name),
      (seen) => seen.present && seen.dot,
    );
    await dismissToasts(page);

    // Unmuted from the same menu, B notifies again.
    await domainTab(page, B).click({ button: 'right' });
    await page.getByTestId('tab-menu-mute').click();
    await domainTab(page, B).getByTestId('tab-muted').waitFor({ state: 'detached' });
    const again = await quietCase(CLAIRE);
    google(again.name, { escalate: true });
    await toastAbout(page, B, again.name);
    await dismissToasts(page);
  });

  it('left no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN, type DemoAccount } from '../../main/emulator';
import type { Preview } from '../preview/preview-server';
import { EMPTY_CASE_FILTERS, type CaseFilters } from '../../shared/model/case-query';

/** Screenshots land here (gitignored), one file per step, for a human to look at. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));

/** How long a step waits for the app to settle before it fails, saying what it saw last. */
export const SETTLE_TIMEOUT_MS = 30_000;
/** How often a wait looks at the page again: a settled state lasts, so nothing is missed between looks. */
const POLL_INTERVAL_MS = 50;

/** Opens the preview in a fresh browser context and records what the page logs as errors. */
export async function openApp(browser: Browser, url: string): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  return { page, pageErrors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

export function domainTab(page: Page, domain: string): Locator {
  return page.getByTestId(`domain-tab-${domain}`);
}

/** The workspace of `domain`, found only once it is the one on screen: never another tab's panel on its way out. */
export function domainPanel(page: Page, domain: string): Locator {
  return page.locator(`[data-testid="domain-panel"][data-domain="${domain}"]`);
}

/**
 * Signs a domain in the way a user does: the add-domain dialog (or a "sign in again"
 * button), then the emulator's own sign-in page in the popup that stands in for the
 * system browser, where the user picks their account.
 */
export async function signInThroughPopup(page: Page, email: string, start: () => Promise<void>): Promise<void> {
  const popupOpened = page.waitForEvent('popup');
  await start();
  const popup = await popupOpened;
  await popup.locator(`button[name="email"][value="${email}"]`).click();
  // The emulator redirects the popup to the app's loopback listener, which answers it.
  await popup.waitForURL(/[?&](code|error)=/, { waitUntil: 'load' });
  await popup.close();
}

/** Adds a domain and waits until its tab is the selected one and its workspace is on screen. */
export async function addDomain(page: Page, domain: string, email: string): Promise<void> {
  const addButton = page.getByTestId('add-domain');
  await signInThroughPopup(page, email, async () => {
    await addButton.click();
    const dialog = page.getByTestId('add-domain-dialog');
    await dialog.locator('input').first().fill(domain);
    await dialog.locator('input[type="email"]').fill(email);
    await dialog.locator('button[type="submit"]').click();
  });
  await page
    .locator(`[data-testid="domain-tab-${domain}"][aria-selected="true"]`)
    .waitFor({ timeout: SETTLE_TIMEOUT_MS });
  await domainPanel(page, domain).waitFor({ timeout: SETTLE_TIMEOUT_MS });
}

/**
 * Waits until `read` (one look at the page, taken in a single evaluation so its parts
 * agree) satisfies `done`, and returns that look; on timeout, fails with the last look.
 */
export async function waitForPage<T>(
  page: Page,
  what: string,
  read: () => Promise<T>,
  done: (seen: T) => boolean,
  timeoutMs = SETTLE_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await read();
    if (done(seen)) return seen;
    if (Date.now() >= deadline) {
      throw new Error(`Waited ${timeoutMs} ms for ${what}; the page last showed ${JSON.stringify(seen, null, 1)}`);
    }
    await page.waitForTimeout(POLL_INTERVAL_MS);
  }
}

/** What the case list of one domain shows, read in one go. */
export interface CaseListLook {
  /** The panel of that domain is on screen. */
  present: boolean;
  /** The list shows the answer to its current query and waits for no request (data-settled). */
  settled: boolean;
  /** The query answered, as the list marks it once settled: [customerId, filters, sort]. */
  queryKey: string | null;
  /** The number in "130 cases", or null when no count shows. */
  count: number | null;
  /** Names of the rows rendered (the list is virtualized: the rows on screen). */
  rows: string[];
  /** Rows on screen still waiting for their page (placeholders). */
  loadingRows: number;
  /** data-sync-state of the status line: idle, syncing, offline, error. */
  syncState: string | null;
  /** data-error-code of the error shown in the list area, if any. */
  errorCode: string | null;
}

export async function lookAtCaseList(page: Page, domain: string): Promise<CaseListLook> {
  return page.evaluate((domain) => {
    const panel = [...document.querySelectorAll<HTMLElement>('[data-testid="domain-panel"]')].find(
      (node) => node.dataset.domain === domain,
    );
    const list = panel?.querySelector<HTMLElement>('[data-testid="case-list"]');
    const countText = list?.querySelector('[data-testid="case-count"]')?.textContent ?? null;
    const digits = countText?.replace(/\D/g, '') ?? '';
    return {
      present: panel !== undefined,
      settled: list?.dataset.settled === 'true',
      queryKey: list?.dataset.queryKey ?? null,
      count: digits ? Number(digits) : null,
      rows: [...(list?.querySelectorAll<HTMLElement>('[data-testid="case-row"]') ?? [])].map(
        (row) => row.dataset.caseName ?? '',
      ),
      loadingRows: list?.querySelectorAll('[role="row"][aria-busy="true"]').length ?? 0,
      syncState: list?.querySelector<HTMLElement>('[data-testid="sync-status"]')?.dataset.syncState ?? null,
      errorCode:
        list?.querySelector<HTMLElement>('.case-list-body [data-testid="error-state"]')?.dataset.errorCode ?? null,
    };
  }, domain);
}

/** The query a test sets: "My cases" unless a customer is named. */
export interface ListQuery {
  customerId?: string;
  filters: CaseFilters;
}

/** Whether a list's query key (`[customerId, filters, sort]`, see queryKey in the store) is `query`, whatever the sort. */
export function answersQuery(queryKey: string | null, query: ListQuery): boolean {
  if (queryKey === null) return false;
  const [customerId, filters] = JSON.parse(queryKey) as [string | null, CaseFilters];
  const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
  return (
    customerId === (query.customerId ?? null) &&
    filters.keyword === query.filters.keyword &&
    same(filters.states, query.filters.states) &&
    same(filters.priorities, query.filters.priorities)
  );
}

/**
 * Waits until the case list of `domain` has settled on the answer to `query` (and, with
 * `syncState`, until the sync is in that state too), with every row on screen loaded:
 * the count and rows it returns are that answer's, never those of an earlier filter
 * still on screen or of a page being fetched again.
 */
export async function settledCaseList(
  page: Page,
  domain: string,
  query: ListQuery,
  options: { syncState?: string; timeoutMs?: number } = {},
): Promise<CaseListLook> {
  return waitForPage(
    page,
    `the case list of ${domain} to settle on ${JSON.stringify(query)}${options.syncState ? ` with the sync ${options.syncState}` : ''}`,
    () => lookAtCaseList(page, domain),
    (look) =>
      look.present &&
      look.settled &&
      look.loadingRows === 0 &&
      answersQuery(look.queryKey, query) &&
      (options.syncState === undefined || look.syncState === options.syncState),
    options.timeoutMs,
  );
}

/** What the case panel of one domain shows, read in one go. */
export interface CaseDetailLook {
  title: string | null;
  /** A spinner shows: the case is loading, or its cached copy is being refreshed. */
  busy: boolean;
  text: string;
  comments: number;
  googleSupportComments: number;
  /** The datetime of each comment, in the order shown. */
  commentTimes: string[];
  /** For each comment head: its author, badge and time sit on one line. */
  headsOnOneLine: boolean[];
}

export async function lookAtCaseDetail(page: Page, domain: string): Promise<CaseDetailLook> {
  return page.evaluate((domain) => {
    const panel = [...document.querySelectorAll<HTMLElement>('[data-testid="domain-panel"]')].find(
      (node) => node.dataset.domain === domain,
    );
    const detail = panel?.querySelector('[data-testid="case-detail"]');
    const comments = [...(detail?.querySelectorAll('[data-testid="case-comment"]') ?? [])];
    return {
      title: detail?.querySelector('[data-testid="case-title"]')?.textContent ?? null,
      busy: !detail || detail.querySelector('.spinner') !== null,
      text: detail?.textContent ?? '',
      comments: comments.length,
      googleSupportComments: comments.filter((node) => node.getAttribute('data-google-support') === 'true').length,
      commentTimes: comments.map((node) => node.querySelector('time')?.getAttribute('datetime') ?? ''),
      headsOnOneLine: [...(detail?.querySelectorAll('.comment-head') ?? [])].map((head) => {
        const tops = [...head.children].map((child) => Math.round(child.getBoundingClientRect().top));
        return Math.max(...tops) - Math.min(...tops) < 8;
      }),
    };
  }, domain);
}

/** Waits until the case panel shows the case titled `title`, loaded and not being refreshed. */
export async function settledCaseDetail(page: Page, domain: string, title: string): Promise<CaseDetailLook> {
  return waitForPage(
    page,
    `the case "${title}" to show in ${domain}, loaded`,
    () => lookAtCaseDetail(page, domain),
    (look) => look.title === title && !look.busy,
  );
}

/** The demo data's two domains, each with the user who signs it in. */
export const DEMO_SIGN_INS = [
  { domain: NORTHWIND_DOMAIN, email: `alex.morgan@${NORTHWIND_DOMAIN}` },
  { domain: LUMIERE_DOMAIN, email: `claire.dubois@${LUMIERE_DOMAIN}` },
] as const;

/** Adds a domain and waits until its unfiltered case list has settled after the first sync (status idle). */
export async function addSyncedDomain(page: Page, domain: string, email: string): Promise<CaseListLook> {
  await addDomain(page, domain, email);
  return settledCaseList(page, domain, { filters: EMPTY_CASE_FILTERS }, { syncState: 'idle' });
}

/** The demo user of `domain` whom the emulator's data marks as lacking a privilege. */
export function userLackingPrivilege(
  preview: Pick<Preview, 'emulator'>,
  domain: string,
): DemoAccount & { missingPrivilege: string } {
  const account = preview.emulator.control.demoAccounts().find((a) => a.domain === domain && a.missingPrivilege);
  if (!account?.missingPrivilege) throw new Error(`The demo data has no user of ${domain} lacking a privilege`);
  return account as DemoAccount & { missingPrivilege: string };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import { fr } from '../../shared/i18n/fr';
import { startPreview, type Preview } from '../preview/preview-server';
import {
  addSyncedDomain,
  DEMO_SIGN_INS,
  domainPanel,
  domainTab,
  screenshot,
  settledCaseDetail,
  waitForPage,
} from './app-page';
import { auditPage, axeSource, describeViolations, openAuditedApp } from './axe-audit';
import { casesVisibleTo, type VisibleCase } from './emulator-view';
import { launchChromium } from './launch-chromium';

const STEP_TIMEOUT_MS = 90_000;

let preview: Preview;
let browser: Browser;
let page: Page;
let pageErrors: string[];
/** What the emulator says needs each user: their domain's ACTION_REQUIRED cases. */
const needing = new Map<string, VisibleCase[]>();

/** The queue panel in one look: settled (its answer on screen, no read running), its rows and count. */
async function lookAtQueue(page: Page) {
  return page.evaluate(() => {
    const panel = document.querySelector<HTMLElement>('[data-testid="queue-panel"]');
    const rows = [...(panel?.querySelectorAll<HTMLElement>('[data-testid="queue-row"]') ?? [])];
    return {
      settled: panel?.dataset.settled === 'true',
      rows: rows.map((row) => ({
        domain: row.dataset.domain ?? '',
        name: row.dataset.caseName ?? '',
        text: row.textContent ?? '',
        waiting: row.querySelector('[data-testid="queue-waiting"]')?.textContent ?? '',
      })),
      heading: panel?.querySelector('h1')?.textContent ?? null,
      count: panel?.querySelector('[data-testid="queue-count"]')?.textContent ?? null,
      tabSelected: document.querySelector('[data-testid="queue-tab"]')?.getAttribute('aria-selected') ?? null,
      badge: document.querySelector('[data-testid="queue-tab"] [data-testid="attention-badge"]')?.textContent ?? '',
    };
  });
}

const key = (row: { domain: string; name: string }) => `${row.domain} ${row.name}`;
const expectedKeys = () =>
  [...needing.entries()].flatMap(([domain, cases]) => cases.map((c) => key({ domain, name: c.name }))).sort();

beforeAll(async () => {
  // No simulated agent: the data holds still while the test compares it with the screen.
  preview = await startPreview({ emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 }, log: () => undefined });
  browser = await launchChromium();
  // CSP bypassed so axe can be injected; the app runs unchanged.
  ({ page, pageErrors } = await openAuditedApp(browser, preview.url));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('the All-domains tab, two demo domains signed in', () => {
  it('signs in to both domains; the All-domains tab comes first', { timeout: STEP_TIMEOUT_MS }, async () => {
    expect(await page.getByTestId('queue-tab').count()).toBe(0);
    for (const { domain, email } of DEMO_SIGN_INS) {
      await addSyncedDomain(page, domain, email);
      needing.set(
        domain,
        (await casesVisibleTo(preview.emulator, email)).filter((c) => c.state === 'ACTION_REQUIRED'),
      );
      expect(needing.get(domain)!.length, domain).toBeGreaterThan(0);
    }
    const tabs = await page
      .getByRole('tab')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
    expect(tabs).toEqual(['queue-tab', `domain-tab-${NORTHWIND_DOMAIN}`, `domain-tab-${LUMIERE_DOMAIN}`]);
  });

  it(
    'lists the cases that need the team in both domains, with their domain and waiting fact',
    {
      timeout: STEP_TIMEOUT_MS,
    },
    async () => {
      await page.getByTestId('queue-tab').click();
      const look = await waitForPage(
        page,
        'the All-domains queue to show every ACTION_REQUIRED case of both domains',
        () => lookAtQueue(page),
        (seen) => seen.settled && seen.rows.map(key).sort().join('\n') === expectedKeys().join('\n'),
      );
      expect(look.tabSelected).toBe('true');
      const total = expectedKeys().length;
      expect(look.count).toContain(String(total));
      // The tab's badge is the sum of the domain tabs' counts.
      expect(look.badge).toContain(String(total));
      for (const row of look.rows) {
        const expected = needing.get(row.domain)!.find((c) => c.name === row.name)!;
        expect(row.text).toContain(expected.title);
        expect(row.text).toContain(row.domain);
        expect(row.waiting).toMatch(/^Google is waiting on you since /);
      }
      expect(new Set(look.rows.map((row) => row.domain))).toEqual(new Set([NORTHWIND_DOMAIN, LUMIERE_DOMAIN]));
      await screenshot(page, 'queue-01-all-domains');

      const source = axeSource();
      if (source) {
        const violations = await auditPage(page, source);
        expect(violations, describeViolations('All-domains queue', violations)).toEqual([]);
      }
    },
  );

  it(
    'opens a row of each domain in that domain tab, by click and by keyboard',
    {
      timeout: STEP_TIMEOUT_MS,
    },
    async () => {
      const look = await lookAtQueue(page);
      const north = look.rows.find((row) => row.domain === NORTHWIND_DOMAIN)!;
      const lumiere = look.rows.find((row) => row.domain === LUMIERE_DOMAIN)!;
      const titleOf = (row: typeof north) => needing.get(row.domain)!.find((c) => c.name === row.name)!.title;

      await page.locator(`[data-testid="queue-row"][data-case-name="${north.name}"]`).click();
      await domainPanel(page, NORTHWIND_DOMAIN).waitFor({ timeout: 10_000 });
      expect(await domainTab(page, NORTHWIND_DOMAIN).getAttribute('aria-selected')).toBe('true');
      expect(await page.getByTestId('queue-tab').getAttribute('aria-selected')).toBe('false');
      await settledCaseDetail(page, NORTHWIND_DOMAIN, titleOf(north));
      await screenshot(page, 'queue-02-opened-northwind');

      // Back with Ctrl+0, then Enter on the other domain's row.
      await page.keyboard.press('Control+0');
      await page.getByTestId('queue-panel').waitFor({ timeout: 10_000 });
      await page.locator(`[data-testid="queue-row"][data-case-name="${lumiere.name}"] button`).focus();
      await page.keyboard.press('Enter');
      await domainPanel(page, LUMIERE_DOMAIN).waitFor({ timeout: 10_000 });
      expect(await domainTab(page, LUMIERE_DOMAIN).getAttribute('aria-selected')).toBe('true');
      await settledCaseDetail(page, LUMIERE_DOMAIN, titleOf(lumiere));
      await screenshot(page, 'queue-03-opened-lumiere');
    },
  );

  it('speaks French, and arrows reach it from the domain tabs', { timeout: STEP_TIMEOUT_MS }, async () => {
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language-select').selectOption('fr');
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached', timeout: 10_000 });
    await domainTab(page, NORTHWIND_DOMAIN).focus();
    await page.keyboard.press('ArrowLeft');
    const look = await waitForPage(
      page,
      'the queue in French',
      () => lookAtQueue(page),
      (seen) => seen.settled && seen.tabSelected === 'true' && seen.heading === fr.queue.title,
    );
    expect(look.rows.map(key).sort()).toEqual(expectedKeys());
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('queue-tab');
    for (const row of look.rows) expect(row.waiting).toMatch(/^Google attend votre réponse depuis /);
    await screenshot(page, 'queue-04-french');
  });

  it('left no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

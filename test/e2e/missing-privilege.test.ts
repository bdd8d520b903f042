import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, openApp, screenshot, userLackingPrivilege, waitForPage } from './app-page';
import { launchChromium } from './launch-chromium';

const STEP_TIMEOUT_MS = 90_000;

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  preview = await startPreview({ emulatorOptions: { agent: false }, log: () => undefined });
  browser = await launchChromium();
  ({ page } = await openApp(browser, preview.url));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

describe('a user without a reseller privilege', () => {
  it.each([NORTHWIND_DOMAIN, LUMIERE_DOMAIN])(
    'in %s is told which privilege is missing',
    async (domain) => {
      const user = userLackingPrivilege(preview, domain);
      const customers = preview.emulator.control.data.customers(domain).length;
      expect(customers).toBeGreaterThan(0);
      await addDomain(page, domain, user.email);

      // Settled: the sync failed (the status line's state), the list says why, and every customer is listed.
      const seen = await waitForPage(
        page,
        `${domain} to show the missing privilege and its ${customers} customers`,
        () =>
          page.evaluate((domain) => {
            const panel = document.querySelector(`[data-testid="domain-panel"][data-domain="${domain}"]`);
            const status = panel?.querySelector<HTMLElement>('[data-testid="sync-status"]');
            const rows = [...(panel?.querySelectorAll<HTMLElement>('[data-testid^="customer-"][data-access]') ?? [])];
            return {
              error:
                panel?.querySelector(
                  '[data-testid="case-list"] [data-testid="error-state"][data-error-code="missing_privilege"]',
                )?.textContent ?? null,
              syncState: status?.dataset.syncState ?? null,
              statusLine: status?.textContent ?? '',
              // The list is virtualized: each row says how many customers there are in all.
              customerCount: Number(rows[0]?.closest('[aria-setsize]')?.getAttribute('aria-setsize') ?? 0),
              access: [...new Set(rows.map((row) => row.dataset.access))],
            };
          }, domain),
        (look) => look.error !== null && look.syncState === 'error' && look.customerCount === customers,
      );

      // The list area shows the error in full: what happened, the privilege, who grants it and where.
      expect(seen.error).toContain(`“${user.missingPrivilege}”`);
      expect(seen.error).toContain('super admin');
      expect(seen.error).toContain('Admin roles');
      expect(seen.error).toContain('Reseller admin');
      // The status line does not repeat it, cut short.
      expect(seen.statusLine).not.toContain(user.missingPrivilege);
      // The customers' reseller access shows as unknown rather than granted.
      expect(seen.access).toEqual(['unknown']);
      await screenshot(page, `09-missing-privilege-${domain}`);
    },
    STEP_TIMEOUT_MS,
  );
});

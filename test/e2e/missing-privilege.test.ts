import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN, type DemoAccount } from '../../main/emulator';
import { startPreview, type Preview } from '../preview/preview-server';
import { activePanel, addDomain, openApp, screenshot } from './app-page';
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

/** The demo user of `domain` whom the emulator's data marks as lacking a privilege. */
function userLackingPrivilege(domain: string): DemoAccount & { missingPrivilege: string } {
  const account = preview.emulator.control.demoAccounts().find((a) => a.domain === domain && a.missingPrivilege);
  if (!account?.missingPrivilege) throw new Error(`The demo data has no user of ${domain} lacking a privilege`);
  return account as DemoAccount & { missingPrivilege: string };
}

describe('a user without a reseller privilege', () => {
  it.each([NORTHWIND_DOMAIN, LUMIERE_DOMAIN])(
    'in %s is told which privilege is missing',
    async (domain) => {
      const user = userLackingPrivilege(domain);
      await addDomain(page, domain, user.email);

      // The list area shows the error in full: what happened, the privilege, who grants it and where.
      const panel = activePanel(page);
      const error = panel
        .getByTestId('case-list')
        .locator('[data-testid="error-state"][data-error-code="missing_privilege"]');
      await error.waitFor({ timeout: 30_000 });
      const text = (await error.textContent()) ?? '';
      expect(text).toContain(`“${user.missingPrivilege}”`);
      expect(text).toContain('super admin');
      expect(text).toContain('Admin roles');
      expect(text).toContain('Reseller admin');
      // The status line does not repeat it, cut short.
      expect(await panel.getByTestId('sync-status').textContent()).not.toContain(user.missingPrivilege);
      // The customers are listed, their reseller access shown as unknown rather than granted.
      const customers = panel.locator('[data-testid^="customer-"][data-access]');
      await customers.first().waitFor({ timeout: 30_000 });
      expect(await customers.evaluateAll((rows) => [...new Set(rows.map((row) => row.dataset.access))])).toEqual([
        'unknown',
      ]);
      await screenshot(page, `09-missing-privilege-${domain}`);
    },
    STEP_TIMEOUT_MS,
  );
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';

/** Screenshots land here (gitignored), one file per step, for a human to look at. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));

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

/** The workspace of the tab on screen. */
export function activePanel(page: Page): Locator {
  return page.getByTestId('domain-panel');
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

export async function addDomain(page: Page, domain: string, email: string): Promise<void> {
  const addButton = page.getByTestId('add-domain');
  await signInThroughPopup(page, email, async () => {
    await addButton.click();
    const dialog = page.getByTestId('add-domain-dialog');
    await dialog.locator('input').first().fill(domain);
    await dialog.locator('input[type="email"]').fill(email);
    await dialog.locator('button[type="submit"]').click();
  });
  await page.locator(`[data-testid="domain-tab-${domain}"][aria-selected="true"]`).waitFor({ timeout: 30_000 });
}

/** The number the case list shows as its count ("130 cases", "1 234 demandes"). */
export async function shownCaseCount(page: Page): Promise<number> {
  const text = (await activePanel(page).getByTestId('case-count').textContent()) ?? '';
  const digits = text.replace(/\D/g, '');
  if (!digits) throw new Error(`The case count reads "${text}"`);
  return Number(digits);
}

export async function shownCaseNames(page: Page): Promise<string[]> {
  return activePanel(page)
    .getByTestId('case-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-name') ?? ''));
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND_DOMAIN } from '../../main/emulator';
import { en } from '../../shared/i18n/en';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, domainTab, openApp, screenshot, SETTLE_TIMEOUT_MS, waitForPage } from './app-page';
import { launchChromium } from './launch-chromium';

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
/** Three starts of the preview and a sign-in, on a machine the other tests share. */
const TEST_TIMEOUT_MS = 180_000;

let dataDir: string;
let browser: Browser;
let preview: Preview | undefined;
let current: Page | undefined;
const previewLog: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pd-e2e-settings-'));
  browser = await launchChromium();
});
afterAll(async () => {
  await current?.context().close();
  await preview?.close();
  await browser?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Starts the preview on the same data folder, as a restart of the app does; `whileStopped`
 * runs once the old one has closed, as a hand edit made while the app is not running:
 * damaged while the app runs, the file could be rewritten whole by a late save first.
 */
async function restart(whileStopped?: () => void): Promise<Page> {
  // The window goes first: the preview's server waits for its open connections to end.
  await current?.context().close();
  await preview?.close();
  whileStopped?.();
  preview = await startPreview({
    dataDir,
    emulatorOptions: { agent: false },
    log: (line) => previewLog.push(line),
  });
  const { page } = await openApp(browser, preview.url);
  current = page;
  return page;
}

/** The notices on screen, read in one go: [code, text]. */
const lookAtNotices = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="notices"] [data-testid^="notice-"]')].map((node) => [
      node.dataset.testid ?? '',
      node.querySelector('.banner-text')?.textContent ?? '',
    ]),
  );

describe('a damaged settings file, through the preview', () => {
  it(
    'brings the tabs back from the last good copy and says so once; a bad entry is skipped and told',
    async () => {
      let page = await restart();
      await addDomain(page, NORTHWIND_DOMAIN, ALEX);
      const file = join(dataDir, 'preview-settings.json');
      let good = '';
      // Cut short, as a crash of an editor saving it by hand could leave it.
      page = await restart(() => {
        good = readFileSync(file, 'utf8');
        writeFileSync(file, good.slice(0, 20));
      });
      expect(JSON.parse(good)).toMatchObject({ accounts: [{ domain: NORTHWIND_DOMAIN }] });
      await domainTab(page, NORTHWIND_DOMAIN).waitFor({ timeout: SETTLE_TIMEOUT_MS });
      const told = await waitForPage(
        page,
        'the settings notice',
        () => lookAtNotices(page),
        (seen) => seen.length > 0,
      );
      expect(told).toEqual([['notice-settings_recovered', en.notices.settingsRecoveredLastGood]]);
      await screenshot(page, 'settings-recovered-notice');

      await page.getByTestId('dismiss-notice').click();
      await waitForPage(
        page,
        'the notice gone',
        () => lookAtNotices(page),
        (seen) => seen.length === 0,
      );
      // Dismissed in main too: a reload of the window does not tell it again.
      await page.reload();
      await domainTab(page, NORTHWIND_DOMAIN).waitFor({ timeout: SETTLE_TIMEOUT_MS });
      expect(await lookAtNotices(page)).toEqual([]);

      page = await restart(() => {
        const repaired = JSON.parse(readFileSync(file, 'utf8')) as { accounts: unknown[] };
        writeFileSync(
          file,
          JSON.stringify({
            ...repaired,
            accounts: [{ domain: '../../x', email: 'x@x', displayName: 'x' }, ...repaired.accounts],
          }),
        );
      });
      await domainTab(page, NORTHWIND_DOMAIN).waitFor({ timeout: SETTLE_TIMEOUT_MS });
      const skipped = await waitForPage(
        page,
        'the skipped entry',
        () => lookAtNotices(page),
        (seen) => seen.length > 0,
      );
      expect(skipped).toEqual([['notice-account_skipped', en.notices.accountSkipped.replace('{{entry}}', '../../x')]]);
      await screenshot(page, 'account-skipped-notice');
    },
    TEST_TIMEOUT_MS,
  );
});

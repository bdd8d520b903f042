import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CUSTOMERS, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en } from '../../shared/i18n/en';
import { ScriptedFileDialogs } from '../core/helpers/scripted-file-dialogs';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, domainPanel, screenshot } from './app-page';
import { launchChromium } from './launch-chromium';

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const STEP_TIMEOUT_MS = 120_000;

let preview: Preview;
let dialogs: ScriptedFileDialogs;
let filesDir: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dialogs = new ScriptedFileDialogs();
  filesDir = await mkdtemp(join(tmpdir(), 'pd-drafts-e2e-'));
  preview = await startPreview({
    fileDialogs: dialogs,
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 },
    log: () => {},
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(preview.url);
  await addDomain(page, NORTHWIND_DOMAIN, ALEX);
}, STEP_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await rm(filesDir, { recursive: true, force: true });
});

const dialog = () => page.getByTestId('new-case-dialog');
const composer = () => page.getByTestId('composer-text');
const draftsCount = () => domainPanel(page, NORTHWIND_DOMAIN).getByTestId('drafts-button').getAttribute('data-count');

describe('drafts through the preview', () => {
  it(
    'keeps a message and a New case typed up to a reload of the window, and lists them as drafts',
    async () => {
      const panel = domainPanel(page, NORTHWIND_DOMAIN);
      await panel.getByTestId('case-row').first().waitFor({ timeout: 30_000 });
      const row = panel.getByTestId('case-row').first();
      const caseName = (await row.getAttribute('data-case-name')) ?? '';
      await row.click();
      await composer().waitFor();

      // A message, then a reload at once after the last key: nothing waits for a save to finish.
      const message = 'Any news on the bounces? We still see them this morning.';
      await composer().click();
      await page.keyboard.type(message, { delay: 15 });
      await page.reload();
      await panel.getByTestId('case-row').first().waitFor({ timeout: 30_000 });
      await panel.locator(`[data-testid="case-row"][data-case-name="${caseName}"]`).click();
      await expect.poll(() => composer().inputValue(), { timeout: 10_000 }).toBe(message);

      // A New case: customer, product, then the title typed and the window reloaded mid-way.
      const customer = DEMO_CUSTOMERS.find(
        (c) => c.resellerDomain === NORTHWIND_DOMAIN && c.resellerAccess && !c.previousResellerDomain,
      )!;
      await panel.getByTestId('new-case').click();
      await dialog().getByTestId(`new-case-customer-${customer.customerId}`).click();
      await dialog().getByTestId('new-case-next').click();
      await dialog().getByTestId('new-case-next').click();
      await dialog().getByTestId('new-case-title').click();
      const title = 'Mail to outlook.com bounces since Monday';
      await page.keyboard.type(title, { delay: 15 });
      await page.reload();
      await panel.getByTestId('new-case').waitFor({ timeout: 30_000 });
      await panel.getByTestId('new-case').click();
      await dialog().getByTestId('new-case-step-title').waitFor({ timeout: 10_000 });
      await expect.poll(() => dialog().getByTestId('new-case-title').inputValue()).toBe(title);
      await dialog().getByTestId('new-case-next').click();
      await screenshot(page, 'drafts-01-new-case-resumed');
      await page.keyboard.press('Escape');
      await dialog().waitFor({ state: 'detached' });

      // The Drafts list: both, each with where it was left; discard with undo; duplicate.
      await expect.poll(draftsCount, { timeout: 10_000 }).toBe('2');
      await panel.getByTestId('drafts-button').click();
      const list = page.getByTestId('drafts-dialog');
      await expect.poll(() => list.getByTestId('draft-item').count()).toBe(2);
      const wheres = await list.getByTestId('draft-where').allTextContents();
      expect(wheres).toContain(en.drafts.whereNewCase.replace('{{step}}', en.newCase.steps.category));
      expect(wheres.some((where) => where.startsWith(en.drafts.whereMessage.replace(' {{case}}', '')))).toBe(true);
      await screenshot(page, 'drafts-02-list');

      const messageItem = list.locator('[data-testid="draft-item"][data-kind="comment"]');
      await messageItem.getByTestId('draft-discard').click();
      await expect.poll(() => list.getByTestId('draft-item').count()).toBe(1);
      await list.getByTestId('drafts-undo-button').click();
      await expect.poll(() => list.getByTestId('draft-item').count()).toBe(2);

      await list.locator('[data-testid="draft-item"][data-kind="new_case"]').getByTestId('draft-duplicate').click();
      await expect.poll(() => list.locator('[data-testid="draft-item"][data-kind="new_case"]').count()).toBe(2);

      // Resume the message: its case opens with the text.
      await list.locator('[data-testid="draft-item"][data-kind="comment"]').getByTestId('draft-resume').click();
      await expect.poll(() => composer().inputValue(), { timeout: 10_000 }).toBe(message);
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );
});

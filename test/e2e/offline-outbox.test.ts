import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CUSTOMERS, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en } from '../../shared/i18n/en';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { ScriptedFileDialogs } from '../core/helpers/scripted-file-dialogs';
import { startPreview, type Preview } from '../preview/preview-server';
import {
  addSyncedDomain,
  domainPanel,
  openApp,
  screenshot,
  settledCaseDetail,
  settledCaseList,
  waitForPage,
} from './app-page';
import { launchChromium } from './launch-chromium';

/**
 * The whole offline story, through the preview: a new case and a message written
 * while the domain is unreachable, the core crashed and started again, both drafts intact,
 * both submitted into the outbox, and both on Google exactly once when the domain is back.
 */

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const STEP_TIMEOUT_MS = 120_000;
/** A client reference as the outbox tags a submission (client-reference.ts). */
const REFERENCE = /PD-[0-9A-HJKMNP-TV-Z]{6}/g;

let preview: Preview;
let dialogs: ScriptedFileDialogs;
let filesDir: string;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  dialogs = new ScriptedFileDialogs();
  filesDir = await mkdtemp(join(tmpdir(), 'pd-offline-outbox-'));
  // No simulated agent: nothing but this test adds comments to the cases it counts on.
  preview = await startPreview({
    fileDialogs: dialogs,
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 },
    log: () => undefined,
  });
  browser = await launchChromium();
  ({ page, pageErrors } = await openApp(browser, preview.url));
}, STEP_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

const panel = () => domainPanel(page, NORTHWIND_DOMAIN);
const newCase = () => page.getByTestId('new-case-dialog');
const composer = () => panel().getByTestId('composer-text');
const next = () => newCase().getByTestId('new-case-next').click();
const step = (name: string) => newCase().getByTestId(`new-case-step-${name}`).waitFor({ timeout: 10_000 });
const draftsCount = () => panel().getByTestId('drafts-button').getAttribute('data-count');

/** The Drafts dialog's items, read in one go: [kind, where it was left]. */
const lookAtDrafts = () =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="drafts-dialog"] [data-testid="draft-item"]')].map(
      (item) => [item.dataset.kind ?? '', item.querySelector('[data-testid="draft-where"]')?.textContent ?? ''],
    ),
  );

/** The Outbox dialog's items, read in one go. */
const lookAtOutbox = () =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="outbox-dialog"] [data-testid="outbox-item"]')].map(
      (item) => ({
        state: item.dataset.state ?? '',
        what: item.querySelector('.outbox-what')?.textContent ?? '',
        reason: item.querySelector('[data-testid="outbox-reason"]')?.textContent ?? null,
        reference: item.querySelector('.outbox-reference')?.textContent ?? '',
      }),
    ),
  );

async function openDrafts(): Promise<void> {
  await panel().getByTestId('drafts-button').click();
  await page.getByTestId('drafts-dialog').waitFor();
}

async function closeDialog(testId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

describe('offline: drafts survive a crash of the core, and the outbox sends each once', () => {
  const customer = DEMO_CUSTOMERS.find(
    (c) => c.resellerDomain === NORTHWIND_DOMAIN && c.resellerAccess && !c.previousResellerDomain,
  )!;
  const seen = { name: '', title: '' };
  const title = `Bounces to outlook.com since Monday ${Date.now().toString(36)}`;
  const details = 'Every message to outlook.com bounces with 550 5.7.1 since Monday morning.';
  const message = `Any news? The bounces go on this morning (${Date.now().toString(36)}).`;
  const file = { name: 'bounce-headers.txt', text: 'Received: from mx.example\n'.repeat(50) };

  it(
    'online: a case is viewed, and a New case is started up to its category',
    async () => {
      const list = await addSyncedDomain(page, NORTHWIND_DOMAIN, ALEX);
      seen.name = list.rows[0]!;
      await panel().locator(`[data-testid="case-row"][data-case-name="${seen.name}"]`).click();
      seen.title = (await waitForPage(
        page,
        'the case to load',
        () => panel().getByTestId('case-title').textContent({ timeout: 20_000 }),
        (text) => text !== null && text !== '',
      ))!;
      await settledCaseDetail(page, NORTHWIND_DOMAIN, seen.title);

      // The category comes from Google's classifications.search, which nothing saves for offline use:
      // it is chosen now, and the rest of the case is written offline.
      await panel().getByTestId('new-case').click();
      await newCase().getByTestId(`new-case-customer-${customer.customerId}`).click();
      await next();
      await next();
      await newCase().getByTestId('new-case-title').fill(title);
      await next();
      await newCase().getByTestId('new-case-category-search').fill('gmail deliv');
      await newCase().getByTestId('new-case-category-option').first().click({ timeout: 10_000 });
      await expect.poll(() => newCase().getByTestId('new-case-category-chosen').count()).toBe(1);
      await closeDialog('new-case-dialog');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'offline for the domain: the rest of the New case and a message are written',
    async () => {
      preview.network.cutOff(NORTHWIND_DOMAIN);
      await panel().getByTestId('sync-now').click();
      await settledCaseList(page, NORTHWIND_DOMAIN, { filters: EMPTY_CASE_FILTERS }, { syncState: 'offline' });

      await page.keyboard.press('Control+n');
      await step('category');
      await next();
      await step('description');
      await newCase().getByTestId('new-case-details').click();
      await page.keyboard.type(details, { delay: 5 });
      await next();
      // A file staged offline: the draft keeps its own copy, so the original can go.
      await step('attachments');
      const original = join(filesDir, file.name);
      await writeFile(original, file.text);
      dialogs.willPick([original]);
      await newCase().getByTestId('new-case-attach').click();
      await expect.poll(() => newCase().getByTestId('new-case-file').count(), { timeout: 10_000 }).toBe(1);
      await rm(original);
      await next();
      await step('priority');
      await newCase().getByTestId('new-case-priority-P3').click();
      await next();
      await step('locale');
      await next();
      await step('share');
      await next();
      await step('review');
      await closeDialog('new-case-dialog');

      // The case seen online opens from its saved copy; the message is typed into it.
      await composer().click();
      await page.keyboard.type(message, { delay: 5 });
      await expect.poll(draftsCount, { timeout: 10_000 }).toBe('2');
      // The crash comes after the last keystroke was acknowledged, as the draft saver promises
      // (each keystroke is committed within a frame or two): the core holds the whole message.
      const savedMessage = async () => {
        const drafts = await preview.core.handlers['drafts:list']({ domain: NORTHWIND_DOMAIN });
        const comment = drafts.find((draft) => draft.content.kind === 'comment');
        return comment?.content.kind === 'comment' ? comment.content.body : null;
      };
      await expect.poll(savedMessage, { timeout: 10_000 }).toBe(message);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'the core crashes and starts again: both drafts are there, in the Drafts list and in place',
    async () => {
      await preview.restartCore();
      await page.reload();
      await panel().waitFor({ timeout: 30_000 });
      await expect.poll(draftsCount, { timeout: 20_000 }).toBe('2');

      await openDrafts();
      const drafts = await waitForPage(
        page,
        'both drafts in the Drafts list',
        lookAtDrafts,
        (items) => items.length === 2,
      );
      expect(drafts.map(([kind]) => kind).sort()).toEqual(['comment', 'new_case']);
      expect(drafts.find(([kind]) => kind === 'new_case')![1]).toBe(
        en.drafts.whereNewCase.replace('{{step}}', en.newCase.steps.review),
      );
      await screenshot(page, 'offline-outbox-01-drafts-after-restart');

      // The message, where it was typed.
      await page.locator('[data-testid="draft-item"][data-kind="comment"]').getByTestId('draft-resume').click();
      await page.getByTestId('drafts-dialog').waitFor({ state: 'detached' });
      await expect.poll(() => composer().inputValue(), { timeout: 10_000 }).toBe(message);

      // The New case, at its review with every field.
      await page.keyboard.press('Control+n');
      await step('review');
      const review = (await newCase().getByTestId('new-case-step-review').textContent()) ?? '';
      expect(review).toContain(title);
      expect(review).toContain(details);
      expect(review).toContain(file.name);
      await screenshot(page, 'offline-outbox-02-new-case-review-after-restart');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'submitted while offline, both wait in the outbox, saying why',
    async () => {
      await newCase().getByTestId('new-case-submit').click();
      const outbox = page.getByTestId('outbox-dialog');
      await outbox.getByTestId('outbox-queued-notice').waitFor({ timeout: 20_000 });
      await closeDialog('outbox-dialog');

      await panel().getByTestId('composer-send').click();
      await expect.poll(() => composer().inputValue(), { timeout: 10_000 }).toBe('');
      await expect.poll(() => panel().getByTestId('outbox-button').getAttribute('data-unsent')).toBe('2');

      await panel().getByTestId('outbox-button').click();
      const items = await waitForPage(page, 'both items queued', lookAtOutbox, (seen) => seen.length === 2);
      expect(items.map((item) => item.state)).toEqual(['queued', 'queued']);
      const waiting = en.outbox.waiting.replace('{{reason}}', en.errors.offline.title);
      expect(items.map((item) => item.reason)).toEqual([waiting, waiting]);
      expect(items.map((item) => item.what).sort()).toEqual(
        [
          en.outbox.kinds.new_case.replace('{{title}}', title),
          en.outbox.kinds.comment.replace('{{case}}', seen.title),
        ].sort(),
      );
      // Each submission took its draft with it: queued is no longer a draft.
      await expect.poll(draftsCount, { timeout: 10_000 }).toBe('0');
      await screenshot(page, 'offline-outbox-03-outbox-queued');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'back online: both are sent, each once on the server, and no draft is left',
    async () => {
      preview.network.restore(NORTHWIND_DOMAIN);
      preview.network.say('offline');
      preview.network.say('online');
      const sent = await waitForPage(
        page,
        'both items sent',
        lookAtOutbox,
        (seen) => seen.length === 2 && seen.every((item) => item.state === 'sent'),
      );
      await screenshot(page, 'offline-outbox-04-outbox-sent');
      const references = sent.map((item) => item.reference.match(REFERENCE)?.[0] ?? '');
      expect(references.every((reference) => reference !== '')).toBe(true);

      const texts = preview.emulator.control.data.texts(NORTHWIND_DOMAIN);
      const occurrences = (reference: string) =>
        texts.flatMap((c) => [c.description, ...c.comments]).filter((text) => text.includes(reference)).length;
      expect(references.map(occurrences)).toEqual([1, 1]);
      // Each where it belongs: the new case's description carries its title's reference, the message its case's.
      const filed = texts.find((c) => c.description.includes(details))!;
      expect(references.some((reference) => filed.description.includes(reference))).toBe(true);
      // Its file, uploaded from the draft's copy once the case existed, once.
      await expect
        .poll(() => preview.emulator.control.data.attachments(filed.name), { timeout: 20_000 })
        .toEqual([
          {
            filename: file.name,
            sizeBytes: Buffer.byteLength(file.text),
            sha256: createHash('sha256').update(file.text).digest('hex'),
          },
        ]);
      const answered = texts.find((c) => c.name === seen.name)!;
      expect(answered.comments.filter((body) => body.startsWith(message))).toHaveLength(1);

      await closeDialog('outbox-dialog');
      await expect.poll(draftsCount, { timeout: 10_000 }).toBe('0');
      await openDrafts();
      await waitForPage(page, 'the Drafts list empty', lookAtDrafts, (items) => items.length === 0);
      await page.getByTestId('drafts-dialog').getByText(en.drafts.empty).waitFor();
      await closeDialog('drafts-dialog');
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );
});

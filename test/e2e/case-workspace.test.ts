import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en, type Catalog } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { PRIORITY_VALUES, type Priority } from '../../shared/model/case';
import { REOPEN_WINDOW_DAYS } from '../../shared/model/case-actions';
import { ScriptedFileDialogs } from '../core/helpers/scripted-file-dialogs';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, domainPanel, domainTab, openApp, screenshot } from './app-page';
import { attachmentsNow, caseNow, casesWithCustomers, type EmulatorCase } from './case-view';
import { commentsOf, containsKeyword } from './emulator-view';
import { launchChromium } from './launch-chromium';

const STEP_TIMEOUT_MS = 90_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WAIT = { timeout: 20_000 };

interface DomainRun {
  domain: string;
  email: string;
  language: 'en' | 'fr';
  text: Catalog;
  /** Screenshot name prefix. */
  tag: string;
  /** An open, not escalated case of a Premium customer: every action is done on it. */
  premium?: EmulatorCase;
  /** An open case of a customer without Premium support: escalation is refused. */
  standard?: EmulatorCase;
  /** A case closed more than 30 days ago: a follow-up case instead of a reopen. */
  expired?: EmulatorCase;
}

const RUNS: DomainRun[] = [
  { domain: NORTHWIND_DOMAIN, email: `alex.morgan@${NORTHWIND_DOMAIN}`, language: 'en', text: en, tag: 'en' },
  { domain: LUMIERE_DOMAIN, email: `claire.dubois@${LUMIERE_DOMAIN}`, language: 'fr', text: fr, tag: 'fr' },
];

let preview: Preview;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let dialogs: ScriptedFileDialogs;
let dir: string;

beforeAll(async () => {
  dialogs = new ScriptedFileDialogs();
  dir = await mkdtemp(join(tmpdir(), 'pd-case-workspace-'));
  // No simulated agent: nobody else touches the cases while the test compares them with the screen.
  preview = await startPreview({
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 },
    fileDialogs: dialogs,
    log: () => undefined,
  });
  browser = await launchChromium();
  ({ page, pageErrors } = await openApp(browser, preview.url));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const detailPane = () => page.getByTestId('case-detail');

/** Cases whose title, as a keyword, matches few cases: the row is on screen once filtered. */
function findable(cases: EmulatorCase[], candidate: EmulatorCase): boolean {
  return cases.filter((c) => containsKeyword(c.title, candidate.title)).length <= 8;
}

async function openCase(domain: string, c: EmulatorCase): Promise<void> {
  const panel = domainPanel(page, domain);
  await panel.getByTestId('keyword-filter').fill(c.title);
  const row = panel.locator(`[data-testid="case-row"][data-case-name="${c.name}"]`);
  await row.waitFor(WAIT);
  await row.click();
  await expect.poll(() => detailPane().getByTestId('case-title').textContent(), WAIT).toBe(c.title);
  await detailPane().getByTestId('case-actions').waitFor(WAIT);
}

async function closeDialogAndWait(dialog: Locator): Promise<void> {
  await dialog.waitFor({ state: 'detached', timeout: 20_000 });
}

async function setLanguage(language: 'en' | 'fr'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) === language) return;
  await page.getByTestId('open-settings').click();
  await page.getByTestId('language-select').selectOption(language);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), WAIT).toBe(language);
  await page.keyboard.press('Escape');
  await page.getByTestId('settings-dialog').waitFor({ state: 'detached', timeout: 10_000 });
}

async function writeSample(name: string, bytes: number): Promise<{ path: string; content: Buffer }> {
  const content = randomBytes(bytes);
  const path = join(dir, name);
  await writeFile(path, content);
  return { path, content };
}

describe('the case workspace in Chromium, on the demo emulator', () => {
  it(
    'signs in to both demo domains and picks, in each, a Premium and a standard customer’s open case',
    async () => {
      for (const run of RUNS) {
        await addDomain(page, run.domain, run.email);
        const cases = await casesWithCustomers(preview.emulator, run.email);
        const open = cases.filter((c) => c.state !== 'CLOSED' && !c.escalated && findable(cases, c));
        run.premium = open.find((c) => c.premiumSupport);
        run.standard = open.find((c) => !c.premiumSupport);
        run.expired = cases.find(
          (c) =>
            c.state === 'CLOSED' &&
            Date.now() - Date.parse(c.updateTime) > (REOPEN_WINDOW_DAYS + 1) * DAY_MS &&
            findable(cases, c),
        );
        expect(run.premium, `${run.domain} has an open case of a Premium customer`).toBeDefined();
        expect(run.standard, `${run.domain} has an open case of a standard customer`).toBeDefined();
        expect(run.expired, `${run.domain} has a case closed more than 30 days ago`).toBeDefined();
      }
      // Each domain sees only its own cases.
      const [north, lumiere] = RUNS;
      expect(north!.premium!.name).not.toBe(lumiere!.premium!.name);
    },
    STEP_TIMEOUT_MS,
  );

  for (const run of RUNS) {
    const t = run.text.caseDetail;
    /** A screenshot with `part` of the case panel scrolled into view. */
    const shot = async (name: string, part?: string) => {
      if (part) await detailPane().getByTestId(part).scrollIntoViewIfNeeded();
      await screenshot(page, `case-workspace-${run.tag}-${name}`);
    };

    describe(`${run.domain}, in ${run.language === 'en' ? 'English' : 'French'}`, () => {
      it(
        'refuses escalation on a customer without Premium support, and says why',
        async () => {
          await domainTab(page, run.domain).click();
          await setLanguage(run.language);
          await openCase(run.domain, run.standard!);
          const escalate = detailPane().getByTestId('escalate');
          expect(await escalate.getAttribute('aria-disabled')).toBe('true');
          const reason = detailPane().getByTestId('escalate-unavailable');
          expect(await reason.textContent()).toBe(t.escalate.blocked.not_premium);
          // The reason is the button's description, so a screen reader says it on focus.
          expect(await escalate.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
          // It stays focusable so its reason is read out, and does nothing when pressed.
          await escalate.focus();
          await page.keyboard.press('Enter');
          expect(await page.getByTestId('escalate-dialog').count()).toBe(0);
          await shot('01-escalation-refused', 'case-title');
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'changes the priority of a Premium customer’s case',
        async () => {
          const c = run.premium!;
          await openCase(run.domain, c);
          await shot('02-case-open', 'case-title');
          const next: Priority = PRIORITY_VALUES.find((p) => p !== c.priority)!;
          await detailPane().getByTestId('change-priority').click();
          const dialog = page.getByTestId('priority-dialog');
          await dialog.waitFor(WAIT);
          await dialog.getByRole('radio', { name: run.text.priority[next] }).check();
          await shot('03-priority-dialog');
          await dialog.locator('button[type="submit"]').click();
          await closeDialogAndWait(dialog);
          await expect
            .poll(() => detailPane().getByTestId('case-status').textContent(), WAIT)
            .toContain(run.text.priority[next]);
          expect((await caseNow(preview.emulator, run.email, c.name)).priority).toBe(next);
          // Focus went back to the button that opened the dialog.
          expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
            'change-priority',
          );
          // The list row shows the new priority too.
          const row = domainPanel(page, run.domain).locator(`[data-testid="case-row"][data-case-name="${c.name}"]`);
          await expect.poll(() => row.textContent(), WAIT).toContain(run.text.priority[next]);
          await shot('04-priority-changed', 'case-title');
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'shares the case with two addresses, refuses a malformed one, and removes one',
        async () => {
          const c = run.premium!;
          const sharing = detailPane().getByTestId('case-sharing');
          const field = sharing.getByTestId('share-email');
          await field.fill('not an address');
          await sharing.getByTestId('share-add').click();
          expect(await sharing.getByTestId('share-problem').textContent()).toBe(t.share.problems.invalid);
          expect(await field.getAttribute('aria-invalid')).toBe('true');
          await shot('05-share-invalid', 'case-sharing');

          const first = `support-team@${c.customerDomain}`;
          const second = `it-lead@${c.customerDomain}`;
          for (const email of [first, second]) {
            await field.fill(email);
            await field.press('Enter');
            await sharing.locator('[data-testid="subscriber"]', { hasText: email }).waitFor(WAIT);
          }
          await expect
            .poll(async () => (await caseNow(preview.emulator, run.email, c.name)).subscribers, WAIT)
            .toEqual(expect.arrayContaining([first, second]));
          await shot('06-shared', 'case-sharing');

          await sharing.getByRole('button', { name: t.share.remove.replace('{{email}}', first) }).click();
          await sharing.locator('[data-testid="subscriber"]', { hasText: first }).waitFor({ state: 'detached' });
          const after = (await caseNow(preview.emulator, run.email, c.name)).subscribers;
          expect(after).toContain(second);
          expect(after).not.toContain(first);
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'sends a message to support with Ctrl+Enter',
        async () => {
          const c = run.premium!;
          const before = await detailPane().getByTestId('case-comment').count();
          const body = `${run.tag} message ${randomBytes(4).toString('hex')}: the mail queue is still stuck.`;
          const composer = detailPane().getByTestId('composer-text');
          await composer.fill(body);
          // Google's limit less the client reference the message carries.
          expect(await detailPane().getByTestId('composer').textContent()).toContain(
            `${body.length} / ${run.language === 'en' ? '12,787' : '12\u202f787'}`,
          );
          await shot('07-composer', 'composer');
          await composer.press('Control+Enter');
          await expect.poll(() => detailPane().getByTestId('case-comment').count(), WAIT).toBe(before + 1);
          expect(await detailPane().getByTestId('case-comment').last().textContent()).toContain(body);
          expect(await composer.inputValue()).toBe('');
          // Sent once, its client reference after a blank line.
          const stored = (await commentsOf(preview.emulator, run.email, c.name)).filter((m) => m.body.startsWith(body));
          expect(stored.map((m) => m.body.slice(body.length))).toEqual([
            expect.stringMatching(/^\n\n\[PD-[0-9A-Z]{6}\]$/),
          ]);
          await shot('08-message-sent', 'composer');
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'queues a message the server keeps refusing in the outbox, and sends it once when retried',
        async () => {
          const c = run.premium!;
          const composer = detailPane().getByTestId('composer-text');
          const body = `${run.tag} message that meets a server failure`;
          await composer.fill(body);
          preview.emulator.control.faults.add({ route: 'cases.comments.create', kind: '503', times: Infinity });
          const outboxButton = domainPanel(page, run.domain).getByTestId('outbox-button');
          try {
            await detailPane().getByTestId('composer-send').click();
            await expect.poll(() => detailPane().getByTestId('case-status').textContent(), WAIT).toBe(t.status.queued);
            expect(await composer.inputValue()).toBe('');
            await expect.poll(() => outboxButton.getAttribute('data-unsent'), WAIT).toBe('1');
            await shot('09-message-queued', 'composer');
          } finally {
            preview.emulator.control.faults.clear();
          }
          await outboxButton.click();
          const dialog = page.getByTestId('outbox-dialog');
          const item = dialog.getByTestId('outbox-item').first();
          expect(await item.getAttribute('data-state')).toBe('queued');
          expect(await item.getByTestId('outbox-reason').textContent()).toContain(
            run.text.outbox.waiting.split('{{')[0]!,
          );
          await item.getByRole('button', { name: run.text.outbox.retry }).click();
          await expect.poll(() => item.getAttribute('data-state'), WAIT).toBe('sent');
          await expect.poll(() => outboxButton.getAttribute('data-unsent'), WAIT).toBe('0');
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached', timeout: 10_000 });
          const stored = (await commentsOf(preview.emulator, run.email, c.name)).filter((m) => m.body.startsWith(body));
          expect(stored).toHaveLength(1);
        },
        STEP_TIMEOUT_MS,
      );

      let uploaded: { path: string; content: Buffer }[] = [];

      it(
        'uploads two files picked in the file dialog, each with its progress bar',
        async () => {
          const c = run.premium!;
          uploaded = [
            await writeSample(`${run.tag}-network-trace.har`, 700 * 1024),
            await writeSample(`${run.tag}-admin-audit.csv`, 90 * 1024),
          ];
          // The emulator holds the first upload a moment, so its bar is seen moving.
          preview.emulator.control.faults.add({ route: 'media.upload', kind: 'latency', latencyMs: 3000, times: 1 });
          dialogs.willPick(uploaded.map((f) => f.path));
          await detailPane().getByTestId('attach-files').click();
          const transfers = detailPane().getByTestId('transfer');
          await expect.poll(() => transfers.count(), WAIT).toBeGreaterThanOrEqual(2);
          const bar = detailPane().locator('[data-testid="transfer"][data-state="running"] [role="progressbar"]');
          await bar.first().waitFor(WAIT);
          const valueNow = Number(await bar.first().getAttribute('aria-valuenow'));
          expect(valueNow).toBeGreaterThanOrEqual(0);
          expect(valueNow).toBeLessThanOrEqual(100);
          // Queued behind it, the second file waits its turn.
          expect(await detailPane().locator('[data-testid="transfer"][data-state="queued"]').count()).toBe(1);
          await shot('10-uploading', 'attachments-section');
          for (const file of uploaded) {
            const name = file.path.split('/').pop()!;
            const row = detailPane().locator(`[data-testid="transfer"][data-filename="${name}"]`);
            await expect.poll(() => row.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
            await detailPane().locator(`[data-testid="attachment"][data-filename="${name}"]`).waitFor(WAIT);
          }
          const listed = await attachmentsNow(preview.emulator, run.email, c.name);
          for (const file of uploaded) {
            const name = file.path.split('/').pop()!;
            expect(listed.find((a) => a.filename === name)?.sizeBytes).toBe(String(file.content.length));
          }
          expect(await detailPane().getByTestId('attachment-delete-note').textContent()).toBe(t.attachments.deleteNote);
          await shot('11-uploaded', 'attachments-section');
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'cancels an upload under way: nothing is attached',
        async () => {
          const c = run.premium!;
          // Larger than what the loopback socket buffers while the emulator holds the request: cut mid-stream.
          const file = await writeSample(`${run.tag}-cancelled-export.zip`, 24 * 1024 * 1024);
          const name = file.path.split('/').pop()!;
          const uploadsAnswered = () =>
            preview.emulator.control.requestLog().filter((entry) => entry.route === 'media.upload');
          const answeredBefore = uploadsAnswered().length;
          preview.emulator.control.faults.add({ route: 'media.upload', kind: 'latency', latencyMs: 3000, times: 1 });
          dialogs.willPick([file.path]);
          await detailPane().getByTestId('attach-files').click();
          const row = detailPane().locator(`[data-testid="transfer"][data-filename="${name}"]`);
          await expect.poll(() => row.getAttribute('data-state'), WAIT).toBe('running');
          await row.getByTestId('cancel-transfer').click();
          await expect.poll(() => row.getAttribute('data-state'), WAIT).toBe('cancelled');
          expect(await row.getByTestId('transfer-state').textContent()).toBe(t.attachments.states.cancelled);
          await shot('11b-upload-cancelled', 'attachments-section');
          // Once the emulator has answered the cut-off request, nothing landed.
          await expect.poll(() => uploadsAnswered().length, { timeout: 20_000 }).toBe(answeredBefore + 1);
          expect(uploadsAnswered().at(-1)?.status).not.toBe(200);
          const listed = await attachmentsNow(preview.emulator, run.email, c.name);
          expect(listed.some((a) => a.filename === name)).toBe(false);
          expect(await detailPane().locator(`[data-testid="attachment"][data-filename="${name}"]`).count()).toBe(0);
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'downloads an attachment to the path chosen in the save dialog, byte for byte',
        async () => {
          const file = uploaded[0]!;
          const name = file.path.split('/').pop()!;
          const target = join(dir, `downloaded-${name}`);
          dialogs.willSaveTo(target);
          await detailPane()
            .locator(`[data-testid="attachment"][data-filename="${name}"]`)
            .getByTestId('download-attachment')
            .click();
          const row = detailPane().locator(
            `[data-testid="transfer"][data-direction="download"][data-filename="${name}"]`,
          );
          await expect.poll(() => row.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
          expect(await row.getByTestId('transfer-state').textContent()).toContain(target);
          expect(Buffer.compare(await readFile(target), file.content)).toBe(0);
          await shot('12-downloaded', 'attachments-section');

          // A cancelled save dialog leaves nothing behind.
          const rowsBefore = await detailPane().getByTestId('transfer').count();
          dialogs.willSaveTo(null);
          await detailPane()
            .locator(`[data-testid="attachment"][data-filename="${name}"]`)
            .getByTestId('download-attachment')
            .click();
          await expect.poll(() => dialogs.suggestedNames.length, WAIT).toBe(RUNS.indexOf(run) * 2 + 2);
          await expect.poll(() => detailPane().getByTestId('transfer').count(), WAIT).toBe(rowsBefore);
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'attaches a file dragged onto the case',
        async () => {
          const c = run.premium!;
          const name = `${run.tag}-dropped-screenshot.txt`;
          const content = `dropped on ${c.name} at ${new Date().toISOString()}`;
          const dataTransfer = await page.evaluateHandle(
            ({ fileName, text }) => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([text], fileName, { type: 'text/plain' }));
              return transfer;
            },
            { fileName: name, text: content },
          );
          const history = detailPane().getByTestId('case-history');
          await history.dispatchEvent('dragenter', { dataTransfer });
          await history.dispatchEvent('dragover', { dataTransfer });
          const zone = detailPane().getByTestId('drop-zone');
          await zone.waitFor(WAIT);
          expect(await zone.textContent()).toContain(t.attachments.dropHere);
          await shot('13-drop-zone');
          await history.dispatchEvent('drop', { dataTransfer });
          await zone.waitFor({ state: 'detached', timeout: 10_000 });
          const row = detailPane().locator(`[data-testid="transfer"][data-filename="${name}"]`);
          await expect.poll(() => row.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
          const listed = await attachmentsNow(preview.emulator, run.email, c.name);
          expect(listed.find((a) => a.filename === name)?.sizeBytes).toBe(String(Buffer.byteLength(content)));
          await shot('14-dropped', 'attachments-section');
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'escalates the Premium customer’s case with a reason and a justification',
        async () => {
          const c = run.premium!;
          const escalate = detailPane().getByTestId('escalate');
          expect(await escalate.getAttribute('aria-disabled')).toBe('false');
          await escalate.click();
          const dialog = page.getByTestId('escalate-dialog');
          await dialog.waitFor(WAIT);
          // A justification is required.
          await dialog.getByTestId('confirm-escalate').click();
          expect(await dialog.textContent()).toContain(t.escalate.justificationMissing);
          await dialog.getByRole('radio', { name: t.escalate.reasons.BUSINESS_IMPACT }).check();
          await dialog.getByTestId('escalate-justification').fill('Payroll mail to 300 employees is blocked.');
          await shot('15-escalate-dialog');
          await dialog.getByTestId('confirm-escalate').click();
          await closeDialogAndWait(dialog);
          await expect
            .poll(() => detailPane().getByTestId('escalate-unavailable').textContent(), WAIT)
            .toBe(t.escalate.blocked.already_escalated);
          expect((await caseNow(preview.emulator, run.email, c.name)).escalated).toBe(true);
          await shot('16-escalated', 'case-title');
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'closes the case after confirmation and shows the days left to reopen it',
        async () => {
          const c = run.premium!;
          await detailPane().getByTestId('close-case-action').click();
          const dialog = page.getByTestId('close-case-dialog');
          await dialog.waitFor(WAIT);
          await shot('17-close-dialog');
          await dialog.getByTestId('confirm-close-case').click();
          await closeDialogAndWait(dialog);
          const notice = detailPane().getByTestId('reopen-notice');
          await notice.waitFor(WAIT);
          const closed = await caseNow(preview.emulator, run.email, c.name);
          expect(closed.state).toBe('CLOSED');
          // Closed a moment ago: the whole window is left.
          expect(Number(await notice.getAttribute('data-days-left'))).toBe(REOPEN_WINDOW_DAYS);
          expect(Date.now() - Date.parse(closed.updateTime)).toBeLessThan(60_000);
          // Focus is not lost with the Close button: it is on the case's title.
          expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('case-title');
          // What a closed case cannot do says so instead.
          expect(await detailPane().getByTestId('change-priority').count()).toBe(0);
          expect(await detailPane().getByTestId('attach-files').count()).toBe(0);
          expect(await detailPane().getByTestId('escalate-unavailable').textContent()).toBe(t.escalate.blocked.closed);
          expect(await detailPane().getByTestId('composer-send').textContent()).toBe(t.composer.sendAndReopen);
          await shot('18-closed', 'case-title');
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'reopens the case by sending a message',
        async () => {
          const c = run.premium!;
          const composer = detailPane().getByTestId('composer-text');
          await composer.fill(`${run.tag}: the problem came back this morning.`);
          await detailPane().getByTestId('composer-send').click();
          await detailPane().getByTestId('reopen-notice').waitFor({ state: 'detached', timeout: 20_000 });
          expect((await caseNow(preview.emulator, run.email, c.name)).state).not.toBe('CLOSED');
          await expect.poll(() => detailPane().getByTestId('case-status').textContent(), WAIT).toBe(t.status.reopen);
          await detailPane().getByTestId('change-priority').waitFor(WAIT);
          await shot('19-reopened', 'case-title');
          await domainPanel(page, run.domain).getByTestId('keyword-filter').fill('');
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'offers a follow-up case, prefilled and referring to it, for a case closed more than 30 days ago',
        async () => {
          const c = run.expired!;
          await openCase(run.domain, c);
          const banner = detailPane().getByTestId('reopen-expired');
          await banner.waitFor(WAIT);
          expect(await banner.textContent()).toContain(t.reopen.expired);
          expect(await detailPane().getByTestId('composer').count()).toBe(0);
          expect(await detailPane().textContent()).toContain(t.composer.closedExpired);
          await shot('20-reopen-expired', 'case-title');

          await banner.getByTestId('follow-up-case').click();
          const dialog = page.getByTestId('new-case-dialog');
          await dialog.waitFor(WAIT);
          await shot('21-follow-up-opened');
          // Through the portal's steps: customer (chosen), product, then the title of the closed case.
          await dialog.getByTestId('new-case-next').click();
          await dialog.getByTestId('new-case-next').click();
          expect(await dialog.getByTestId('new-case-title').inputValue()).toBe(c.title);
          await dialog.getByTestId('new-case-next').click();
          await dialog.getByTestId('new-case-next').click();
          const number = c.name.split('/').pop()!;
          const details = await dialog.getByTestId('new-case-details').inputValue();
          expect(details.startsWith(t.reopen.followUpReference.split('{{number}}')[0]! + number)).toBe(true);
          await shot('22-follow-up-description');
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached', timeout: 10_000 });
        },
        STEP_TIMEOUT_MS,
      );

      it(
        'stays usable at 200 % zoom: the case takes the list’s place and nothing overflows sideways',
        async () => {
          await openCase(run.domain, run.premium!);
          // 1400×900 at 200 %: the layout sees a 700×450 window.
          await page.setViewportSize({ width: 700, height: 450 });
          try {
            const scroll = detailPane().locator('.detail-scroll');
            await expect
              .poll(() => scroll.evaluate((node) => node.scrollWidth - node.clientWidth), WAIT)
              .toBeLessThanOrEqual(0);
            for (const id of ['change-priority', 'escalate', 'close-case-action', 'composer-send', 'share-add']) {
              const box = await detailPane().getByTestId(id).boundingBox();
              expect(box, id).not.toBeNull();
              expect(box!.x + box!.width, id).toBeLessThanOrEqual(700);
            }
            await shot('23-zoom-200', 'case-title');
            await shot('24-zoom-200-composer', 'composer');
          } finally {
            await page.setViewportSize({ width: 1400, height: 900 });
          }
          await domainPanel(page, run.domain).getByTestId('keyword-filter').fill('');
        },
        STEP_TIMEOUT_MS,
      );
    });
  }

  it('left no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

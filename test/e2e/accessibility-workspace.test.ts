import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_CUSTOMERS, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en, type Catalog } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { REOPEN_WINDOW_DAYS } from '../../shared/model/case-actions';
import type { NewCaseStep } from '../../renderer/store/new-case-store';
import { ScriptedFileDialogs } from '../core/helpers/scripted-file-dialogs';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, domainPanel, screenshot, waitForPage } from './app-page';
import {
  applyAuditSettings,
  AUDIT_COMBINATIONS,
  type AuditCombination,
  AXE_MISSING,
  auditPage,
  axeSource,
  describeViolations,
  openAuditedApp,
} from './axe-audit';
import { casesWithCustomers, type EmulatorCase } from './case-view';
import { containsKeyword } from './emulator-view';
import { launchChromium } from './launch-chromium';

/**
 * The screens the New case flow and the case workspace add, audited by axe-core in
 * English and French, light and dark: every step of the flow (with its open combobox,
 * personal-data findings, staged files, errors) and every state of the workspace (its
 * dialogs, refusals, transfers, drop zone, reopen notices). One sign-in serves the four
 * combinations: the settings dialog switches language and theme on the same page.
 */

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const STEP_TIMEOUT_MS = 180_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WAIT = { timeout: 20_000 };

const label = (c: AuditCombination) => `${c.language}-${c.theme}`;
const catalog = (c: AuditCombination): Catalog => (c.language === 'fr' ? fr : en);

const source = axeSource();
if (!source) console.warn(`accessibility-workspace.test.ts skipped: ${AXE_MISSING}`);

let preview: Preview;
let dialogs: ScriptedFileDialogs;
let dir: string;
let browser: Browser;
let page: Page;
let pageErrors: string[];

/** The cases the workspace is audited on, all of Northwind, found by keyword. */
let premium: EmulatorCase;
let standard: EmulatorCase;
let recentlyClosed: EmulatorCase;
let expired: EmulatorCase;
/** A file attached once, downloaded in each combination. */
let attachedName: string;

beforeAll(async () => {
  if (!source) return;
  dialogs = new ScriptedFileDialogs();
  dir = await mkdtemp(join(tmpdir(), 'pd-a11y-workspace-'));
  // No simulated agent: the cases hold still between the four combinations.
  preview = await startPreview({
    fileDialogs: dialogs,
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000 },
    log: () => undefined,
  });
  browser = await launchChromium();
  ({ page, pageErrors } = await openAuditedApp(browser, preview.url));
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Audits the page as it is, fails with axe's findings naming the screen, and keeps a screenshot of it. */
async function expectAccessible(screen: string, combination: AuditCombination): Promise<void> {
  const violations = await auditPage(page, source!);
  expect(violations, describeViolations(`${screen} (${label(combination)})`, violations)).toEqual([]);
  await screenshot(page, `a11y-ws-${label(combination)}-${screen.replace(/[^a-z0-9]+/gi, '-')}`);
}

async function writeSample(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function emulatorPost(path: string): Promise<void> {
  const token = preview.emulator.control.issueTokens(ALEX).access_token;
  const response = await fetch(`${preview.emulator.endpoints.cloudSupport}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}`);
}

// ——— The New case flow ———

const dialog = () => page.getByTestId('new-case-dialog');
const next = () => dialog().getByTestId('new-case-next').click();

/** The step on screen, settled: its body shown and its heading focused (where the flow puts the keyboard). */
async function expectStep(step: NewCaseStep): Promise<void> {
  await dialog().getByTestId(`new-case-step-${step}`).waitFor(WAIT);
  await waitForPage(
    page,
    `the ${step} step's heading to take the focus`,
    () => page.evaluate(() => document.activeElement?.classList.contains('nc-step-heading') ?? false),
    (focused) => focused,
  );
}

async function auditNewCase(combination: AuditCombination): Promise<void> {
  const t = catalog(combination);
  const customers = DEMO_CUSTOMERS.filter((c) => c.resellerDomain === NORTHWIND_DOMAIN);
  const granted = customers.find((c) => c.resellerAccess && !c.previousResellerDomain)!;
  await domainPanel(page, NORTHWIND_DOMAIN).getByTestId('new-case').click();

  // Customer: nothing chosen yet, Next says what to do (the list shows the greyed customer without access).
  await expectStep('customer');
  await next();
  await dialog().getByTestId('new-case-problem').waitFor();
  await expectAccessible('new case customer', combination);
  await dialog().getByTestId(`new-case-customer-${granted.customerId}`).click();
  await next();

  await expectStep('product');
  await expectAccessible('new case product', combination);
  await next();

  await expectStep('title');
  await dialog().getByTestId('new-case-title').fill(`Bounces to jane.doe@gmail.com ${combination.language}`);
  await expectAccessible('new case title', combination);
  await next();

  // Category, with the type-ahead's list open and an option active.
  await expectStep('category');
  const search = dialog().getByTestId('new-case-category-search');
  await search.fill('gmail deliv');
  await waitForPage(
    page,
    'the category list to answer "gmail deliv"',
    () => dialog().getByTestId('new-case-category-option').allTextContents(),
    (options) => options.length === 1 && options[0] === 'Gmail › Delivery issues',
  );
  await search.press('ArrowDown');
  expect(await search.getAttribute('aria-expanded')).toBe('true');
  expect(await search.getAttribute('aria-activedescendant')).toBeTruthy();
  await expectAccessible('new case category combobox open', combination);
  await search.press('Enter');
  await dialog().getByTestId('new-case-category-chosen').waitFor();
  await next();

  // Description: the personal-data warning, a phone number found as it is typed.
  await expectStep('description');
  await dialog().getByTestId('new-case-pii-warning').waitFor();
  await dialog()
    .getByTestId('new-case-details')
    .fill(combination.language === 'fr' ? 'Appelez-moi au 06 12 34 56 78.' : 'Call me at (415) 555-0132.');
  const live = dialog().getByTestId('new-case-pii-live');
  await waitForPage(
    page,
    'the phone number to be reported',
    () => live.textContent(),
    (text) => (text ?? '').includes(t.newCase.pii.phone),
  );
  await expectAccessible('new case description with findings', combination);
  await next();

  // Attachments: one file through the native dialog, one dropped.
  await expectStep('attachments');
  dialogs.willPick([await writeSample(`mail-log-${label(combination)}.txt`, '550 5.7.1 rejected\n'.repeat(20))]);
  await dialog().getByTestId('new-case-attach').click();
  await dialog().getByTestId('new-case-file').first().waitFor(WAIT);
  await dialog()
    .getByTestId('new-case-dropzone')
    .evaluate(
      (zone, name) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['Received: from mx.example\n'], name, { type: 'message/rfc822' }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      `headers-${label(combination)}.eml`,
    );
  await dialog().getByTestId('new-case-file').nth(1).waitFor(WAIT);
  await expectAccessible('new case attachments staged', combination);
  await next();

  await expectStep('priority');
  await dialog().getByTestId('new-case-priority-P3').click();
  await expectAccessible('new case priority', combination);
  await next();

  await expectStep('locale');
  await expectAccessible('new case language and time zone', combination);
  await next();

  // Share: a malformed address is refused with the step's error.
  await expectStep('share');
  await dialog().getByTestId('new-case-subscribers').fill('not-an-address');
  await next();
  await dialog().getByTestId('new-case-problem').waitFor();
  await expectAccessible('new case share invalid', combination);
  await dialog().getByTestId('new-case-subscribers').fill(`it@${granted.domain}`);
  await next();

  // Review, with the title's address and the description's phone number highlighted.
  await expectStep('review');
  await waitForPage(
    page,
    'the review to highlight the personal data',
    () => dialog().getByTestId('pii-mark').count(),
    (marks) => marks === 2,
  );
  await expectAccessible('new case review', combination);

  // The discard confirmation, then back to the review.
  await dialog().getByTestId('new-case-discard').click();
  await dialog().getByTestId('new-case-discard-confirm').waitFor();
  await expectAccessible('new case discard confirmation', combination);
  await dialog()
    .locator('.nc-discard-confirm')
    .getByRole('button', { name: catalog(combination).common.cancel })
    .click();
  await dialog().getByTestId('new-case-discard-confirm').waitFor({ state: 'detached' });

  // Submitted while the domain is unreachable: the case waits in the outbox, which opens and says so.
  // Offline, the outbox waits for the domain to come back (no timer), so its discard races nothing.
  preview.network.cutOff(NORTHWIND_DOMAIN);
  await dialog().getByTestId('new-case-submit').click();
  const outbox = page.getByTestId('outbox-dialog');
  await outbox.getByTestId('outbox-queued-notice').waitFor(WAIT);
  const item = outbox.locator('[data-testid="outbox-item"][data-state="queued"]');
  await item.getByTestId('outbox-reason').waitFor(WAIT);
  await expectAccessible('new case queued in the outbox', combination);

  // Nothing is filed: the item is discarded, so the next combination starts afresh.
  await item.getByRole('button', { name: catalog(combination).outbox.discard }).click();
  await item.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await outbox.waitFor({ state: 'detached' });
  preview.network.restore(NORTHWIND_DOMAIN);
  preview.network.say('offline');
  preview.network.say('online');
}

// ——— The case workspace ———

const detail = () => page.getByTestId('case-detail');

/** Opens a case from the list filtered on its title, and waits for it loaded with its actions or notices. */
async function openCase(c: EmulatorCase, ready: string): Promise<void> {
  const panel = domainPanel(page, NORTHWIND_DOMAIN);
  await panel.getByTestId('keyword-filter').fill(c.title);
  const row = panel.locator(`[data-testid="case-row"][data-case-name="${c.name}"]`);
  await row.waitFor(WAIT);
  await row.click();
  await waitForPage(
    page,
    `the case "${c.title}" to open`,
    () => detail().getByTestId('case-title').textContent(),
    (title) => title === c.title,
  );
  await detail().getByTestId(ready).waitFor(WAIT);
}

/** Opens a dialog of the case, brings it to the state to audit, audits it, and closes it with Escape. */
async function auditDialog(
  opener: string,
  testId: string,
  screen: string,
  combination: AuditCombination,
  bringTo?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await detail().getByTestId(opener).click();
  const open = page.getByTestId(testId);
  await open.waitFor(WAIT);
  await bringTo?.(open);
  await expectAccessible(screen, combination);
  await page.keyboard.press('Escape');
  await open.waitFor({ state: 'detached' });
}

async function auditWorkspace(combination: AuditCombination): Promise<void> {
  const t = catalog(combination).caseDetail;

  // Escalation refused on a customer without Premium support, with its reason.
  await openCase(standard, 'case-actions');
  await detail().getByTestId('escalate-unavailable').waitFor();
  expect(await detail().getByTestId('escalate').getAttribute('aria-disabled')).toBe('true');
  await expectAccessible('case escalation refused', combination);

  // The Premium customer's case: the actions bar, then each dialog.
  await openCase(premium, 'case-actions');
  expect(await detail().getByTestId('escalate').getAttribute('aria-disabled')).toBe('false');
  await expectAccessible('case actions bar', combination);
  await auditDialog('change-priority', 'priority-dialog', 'change priority', combination);
  await auditDialog('close-case-action', 'close-case-dialog', 'close confirmation', combination);
  // Sent without a justification: the dialog says what is missing.
  await auditDialog('escalate', 'escalate-dialog', 'escalate dialog', combination, async (escalate) => {
    await escalate.getByTestId('confirm-escalate').click();
    await waitForPage(
      page,
      'the escalate dialog to ask for a justification',
      () => escalate.textContent(),
      (text) => (text ?? '').includes(t.escalate.justificationMissing),
    );
  });

  // The composer with text and its counter.
  const composer = detail().getByTestId('composer-text');
  await composer.fill('The mail queue is still stuck.');
  await waitForPage(
    page,
    'the composer to count the text',
    () => detail().getByTestId('composer').textContent(),
    (text) => (text ?? '').includes(`${'The mail queue is still stuck.'.length} / `),
  );
  await expectAccessible('composer with text', combination);
  await composer.fill('');

  // The share editor refusing a malformed address.
  const sharing = detail().getByTestId('case-sharing');
  await sharing.getByTestId('share-email').fill('not an address');
  await sharing.getByTestId('share-add').click();
  await sharing.getByTestId('share-problem').waitFor();
  expect(await sharing.getByTestId('share-email').getAttribute('aria-invalid')).toBe('true');
  await expectAccessible('share invalid address', combination);
  await sharing.getByTestId('share-email').fill('');

  // An upload under way, its progress bar moving: the emulator holds it while the audit runs. Larger
  // than what the loopback socket buffers meanwhile, so the cancel cuts it and nothing lands.
  const uploading = `upload-${label(combination)}.txt`;
  preview.emulator.control.faults.add({ route: 'media.upload', kind: 'latency', latencyMs: 10_000, times: 1 });
  dialogs.willPick([await writeSample(uploading, 'x'.repeat(24 * 1024 * 1024))]);
  await detail().getByTestId('attach-files').click();
  const transfer = detail().locator(`[data-testid="transfer"][data-filename="${uploading}"]`);
  await transfer.locator('[role="progressbar"]').waitFor(WAIT);
  await waitForPage(
    page,
    'the upload to run',
    () => transfer.getAttribute('data-state'),
    (state) => state === 'running',
  );
  await expectAccessible('attachments upload in progress', combination);
  // Still running once audited: the audit saw the bar, not a finished row.
  expect(await transfer.getAttribute('data-state')).toBe('running');
  await transfer.getByTestId('cancel-transfer').click();
  await waitForPage(
    page,
    'the upload to be cancelled',
    () => transfer.getAttribute('data-state'),
    (state) => state === 'cancelled',
  );

  // A finished download, its row naming where the file went.
  const target = join(dir, `downloaded-${label(combination)}-${attachedName}`);
  dialogs.willSaveTo(target);
  await detail()
    .locator(`[data-testid="attachment"][data-filename="${attachedName}"]`)
    .getByTestId('download-attachment')
    .click();
  const download = detail()
    .locator(`[data-testid="transfer"][data-direction="download"][data-filename="${attachedName}"]`)
    .last();
  await waitForPage(
    page,
    'the download to finish',
    async () => ({ state: await download.getAttribute('data-state'), said: await download.textContent() }),
    (seen) => seen.state === 'done' && (seen.said ?? '').includes(target),
  );
  await expectAccessible('attachments download finished', combination);

  // The drop zone shown while files are dragged over the case.
  // The whole case panel takes the drop: the drag enters and leaves it.
  const files = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'dragged.txt', { type: 'text/plain' }));
    return transfer;
  });
  await detail().dispatchEvent('dragenter', { dataTransfer: files });
  await detail().dispatchEvent('dragover', { dataTransfer: files });
  await detail().getByTestId('drop-zone').waitFor(WAIT);
  await expectAccessible('drop zone while dragging', combination);
  await detail().dispatchEvent('dragleave', { dataTransfer: files });
  await detail().getByTestId('drop-zone').waitFor({ state: 'detached' });

  // A case closed days ago: the notice of how long it can be reopened.
  await openCase(recentlyClosed, 'reopen-notice');
  await expectAccessible('reopen notice of a closed case', combination);

  // A case closed more than 30 days ago: the follow-up banner.
  await openCase(expired, 'reopen-expired');
  await expectAccessible('follow-up banner of an expired case', combination);

  await detail().getByTestId('close-case').click();
  await detail().waitFor({ state: 'detached' });
  await domainPanel(page, NORTHWIND_DOMAIN).getByTestId('keyword-filter').fill('');
}

describe.skipIf(!source)('accessibility of the New case flow and the case workspace, en/fr × light/dark', () => {
  it(
    'signs in, picks the cases, and attaches the file each combination downloads',
    async () => {
      await addDomain(page, NORTHWIND_DOMAIN, ALEX);
      const cases = await casesWithCustomers(preview.emulator, ALEX);
      // Few cases share its title's words: its row shows once the list is filtered on it.
      const findable = (c: EmulatorCase) => cases.filter((o) => containsKeyword(o.title, c.title)).length <= 8;
      const open = cases.filter((c) => c.state !== 'CLOSED' && !c.escalated && findable(c));
      premium = open.find((c) => c.premiumSupport)!;
      standard = open.find((c) => !c.premiumSupport)!;
      const toClose = open.find((c) => c !== premium && c !== standard)!;
      expired = cases.find(
        (c) =>
          c.state === 'CLOSED' &&
          Date.now() - Date.parse(c.updateTime) > (REOPEN_WINDOW_DAYS + 1) * DAY_MS &&
          findable(c),
      )!;
      expect(premium, 'an open case of a Premium customer').toBeDefined();
      expect(standard, 'an open case of a standard customer').toBeDefined();
      expect(toClose, 'a third open case').toBeDefined();
      expect(expired, 'a case closed more than 30 days ago').toBeDefined();
      // Closed just now, by someone else: well within its reopen window.
      await emulatorPost(`/v2/${toClose.name}:close`);
      recentlyClosed = { ...toClose, state: 'CLOSED' };

      await openCase(premium, 'case-actions');
      attachedName = 'admin-audit.csv';
      dialogs.willPick([await writeSample(attachedName, 'time,actor,event\n'.repeat(200))]);
      await detail().getByTestId('attach-files').click();
      await detail().locator(`[data-testid="attachment"][data-filename="${attachedName}"]`).waitFor(WAIT);
    },
    STEP_TIMEOUT_MS,
  );

  for (const combination of AUDIT_COMBINATIONS) {
    it(`the New case flow and the case workspace, ${label(combination)}`, { timeout: STEP_TIMEOUT_MS }, async () => {
      await applyAuditSettings(page, combination);
      await auditNewCase(combination);
      await auditWorkspace(combination);
    });
  }

  it('left no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

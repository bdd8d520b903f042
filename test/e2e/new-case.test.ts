import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CUSTOMERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN } from '../../main/emulator';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { NEW_CASE_STEPS } from '../../renderer/store/new-case-store';
import type { ListAttachmentsResponse } from '../../main/google-wire/google-types';
import { ScriptedFileDialogs } from '../core/helpers/scripted-file-dialogs';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, domainPanel, domainTab, screenshot } from './app-page';
import { casesVisibleTo } from './emulator-view';
import { launchChromium } from './launch-chromium';

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const CLAIRE = `claire.dubois@${LUMIERE_DOMAIN}`;
const STEP_TIMEOUT_MS = 120_000;
/** The browser's own zone (not the machine's), so the prefill is known. */
const BROWSER_TIME_ZONE = 'America/New_York';

let preview: Preview;
let dialogs: ScriptedFileDialogs;
let filesDir: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dialogs = new ScriptedFileDialogs();
  filesDir = await mkdtemp(join(tmpdir(), 'pd-new-case-'));
  preview = await startPreview({
    fileDialogs: dialogs,
    // No simulated agent (the case must hold still); the search index lags 4 s behind a create,
    // long enough to see the pending row, as Google's does.
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000, indexingDelayMs: 4_000 },
    log: () => {},
  });
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
    timezoneId: BROWSER_TIME_ZONE,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await rm(filesDir, { recursive: true, force: true });
});

/** The attachments Google has on a case, read from the emulator as that user. */
async function attachmentsOf(email: string, caseName: string) {
  const token = preview.emulator.control.issueTokens(email).access_token;
  const response = await fetch(`${preview.emulator.endpoints.cloudSupport}/v2/${caseName}/attachments`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`attachments.list ${caseName} answered ${response.status}`);
  return ((await response.json()) as ListAttachmentsResponse).attachments ?? [];
}

/** Two files per case: one through the (scripted) native dialog, one dropped on the step. */
function attachmentFiles(lang: string) {
  return {
    picked: { name: `mail-log-${lang}.txt`, text: `550 5.7.1 rejected\n`.repeat(40) },
    // Its name has an outside address: the review points at it too.
    dropped: { name: `headers-jane.doe@gmail.com-${lang}.eml`, text: 'Received: from mx.example\n'.repeat(12) },
  };
}

type Catalog = typeof en;

function customersOf(domain: string) {
  const customers = DEMO_CUSTOMERS.filter((c) => c.resellerDomain === domain);
  const granted = customers.find((c) => c.resellerAccess && !c.previousResellerDomain);
  const blocked = customers.find((c) => !c.resellerAccess);
  if (!granted || !blocked) throw new Error(`The demo data of ${domain} lacks a customer with and one without access`);
  return { granted, blocked };
}

const dialog = () => page.getByTestId('new-case-dialog');
const stepBody = (step: string) => dialog().getByTestId(`new-case-step-${step}`);

/** The step on screen, its heading focused (keyboard users land on it), and the indicator on it. */
async function expectStep(step: (typeof NEW_CASE_STEPS)[number]): Promise<void> {
  await stepBody(step).waitFor({ timeout: 10_000 });
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.classList.contains('nc-step-heading') ?? false))
    .toBe(true);
  const current = dialog().locator('[aria-current="step"]');
  expect(await current.count()).toBe(1);
  expect(await current.evaluate((li) => [...li.parentElement!.children].indexOf(li))).toBe(
    NEW_CASE_STEPS.indexOf(step),
  );
}

async function next(): Promise<void> {
  await dialog().getByTestId('new-case-next').click();
}

/** Every step of the flow for one customer, in the UI language of `t`; returns the title filed. */
async function fileCase(
  domain: string,
  lang: 'en' | 'fr',
  t: Catalog,
  options: { failFirstSubmit?: boolean } = {},
): Promise<string> {
  const { granted, blocked } = customersOf(domain);
  const shot = (n: number, step: string) => screenshot(page, `new-case-${lang}-${String(n).padStart(2, '0')}-${step}`);
  const title = `${lang === 'fr' ? 'Rebonds vers' : 'Bounces to'} jane.doe@gmail.com ${Date.now().toString(36)}`;

  await expectStep('customer');
  // Nothing chosen: Next says what to do and stays.
  await next();
  expect(await dialog().getByTestId('new-case-problem').textContent()).toBe(t.newCase.customer.choose);
  expect(await stepBody('customer').count()).toBe(1);
  // A customer without reseller access is listed, greyed, not selectable, with the seed's remedy.
  const blockedChoice = dialog().getByTestId(`new-case-customer-${blocked.customerId}`);
  expect(await blockedChoice.locator('input').isDisabled()).toBe(true);
  expect(await blockedChoice.textContent()).toContain(t.newCase.customer.noAccess);
  expect(await dialog().getByTestId('new-case-no-access-remedy').textContent()).toBe(t.newCase.customer.noAccessRemedy);
  await dialog().getByTestId('new-case-customer-search').fill(granted.domain.slice(0, 6));
  await dialog().getByTestId(`new-case-customer-${granted.customerId}`).click();
  expect(await dialog().getByTestId(`new-case-customer-${granted.customerId}`).locator('input').isChecked()).toBe(true);
  await shot(1, 'customer');
  await next();

  await expectStep('product');
  expect(await stepBody('product').textContent()).toContain(t.newCase.product.workspace);
  await shot(2, 'product');
  await next();

  await expectStep('title');
  // Enter in the one-line field moves on, once it is filled.
  await dialog().getByTestId('new-case-title').fill(title);
  await shot(3, 'title');
  await dialog().getByTestId('new-case-title').press('Enter');

  await expectStep('category');
  const search = dialog().getByTestId('new-case-category-search');
  await search.fill('gmail deliv');
  // The type-ahead answers from classifications:search; the keyboard picks the option.
  await expect
    .poll(() => dialog().getByTestId('new-case-category-option').allTextContents(), { timeout: 10_000 })
    .toEqual(['Gmail › Delivery issues']);
  await search.press('ArrowDown');
  expect(await search.getAttribute('aria-activedescendant')).toBe(
    await dialog().getByTestId('new-case-category-option').first().getAttribute('id'),
  );
  await search.press('Enter');
  await expect
    .poll(() => dialog().getByTestId('new-case-category-chosen').textContent())
    .toContain('Gmail › Delivery issues');
  await shot(4, 'category');
  await next();

  await expectStep('description');
  // The seed's warning about personal data, word for word in French.
  expect(await dialog().getByTestId('new-case-pii-warning').textContent()).toBe(t.newCase.description.piiWarning);
  expect(await stepBody('description').textContent()).toContain(t.newCase.questions.gmail.error);
  await dialog()
    .getByTestId('new-case-details')
    .fill(lang === 'fr' ? 'Appelez-moi au 06 12 34 56 78 si besoin.' : 'Call me at (415) 555-0132 if needed.');
  const answers = dialog().getByTestId('new-case-answer');
  await answers.nth(0).fill('12');
  await answers.nth(2).fill('550 5.7.1 Message rejected');
  await expect.poll(() => dialog().getByTestId('new-case-pii-live').textContent()).toContain(t.newCase.pii.phone);
  await shot(5, 'description');
  await next();

  await expectStep('attachments');
  const files = attachmentFiles(lang);
  const pickedPath = join(filesDir, files.picked.name);
  await writeFile(pickedPath, files.picked.text);
  dialogs.willPick([pickedPath]);
  await dialog().getByTestId('new-case-attach').click();
  await expect.poll(() => dialog().getByTestId('new-case-file').count(), { timeout: 10_000 }).toBe(1);
  await dialog()
    .getByTestId('new-case-dropzone')
    .evaluate((zone, file) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([file.text], file.name, { type: 'message/rfc822' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, files.dropped);
  await expect.poll(() => dialog().getByTestId('new-case-file').count(), { timeout: 10_000 }).toBe(2);
  const listed = await dialog().getByTestId('new-case-file').allTextContents();
  expect(listed[0]).toContain(files.picked.name);
  expect(listed[1]).toContain(files.dropped.name);
  await shot(6, 'attachments');
  await next();

  await expectStep('priority');
  await next();
  expect(await dialog().getByTestId('new-case-problem').textContent()).toBe(t.newCase.priority.choose);
  await dialog().getByTestId('new-case-priority-P3').click();
  expect(await stepBody('priority').textContent()).toContain(t.newCase.priority.P0);
  await shot(7, 'priority');
  await next();

  await expectStep('locale');
  // Prefilled from the browser (this test's zone) or from this customer's last case.
  expect(await dialog().getByTestId('new-case-time-zone').inputValue()).toBe(BROWSER_TIME_ZONE);
  await dialog().getByTestId('new-case-language').selectOption(lang);
  await shot(8, 'locale');
  await next();

  await expectStep('share');
  await dialog().getByTestId('new-case-subscribers').fill(`it@${granted.domain}, not-an-address`);
  await next();
  expect(await dialog().getByTestId('new-case-problem').textContent()).toBe(
    t.newCase.share.invalid.replace('{{items}}', 'not-an-address'),
  );
  await dialog().getByTestId('new-case-subscribers').fill(`it@${granted.domain}`);
  await shot(9, 'share');
  await next();

  await expectStep('review');
  // The title's and the dropped file name's outside address, the description's phone number.
  await expect.poll(() => dialog().getByTestId('pii-mark').count()).toBe(3);
  expect((await dialog().getByTestId('pii-mark').allTextContents()).join(' ')).toContain('jane.doe@gmail.com');
  expect(
    await dialog()
      .getByTestId('new-case-pii-finding')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-kind'))),
  ).toEqual(['email', 'phone', 'email']);
  expect(await dialog().getByTestId('new-case-review-customer').textContent()).toContain(granted.domain);
  await shot(10, 'review');

  // Edit goes back to the step, and Next returns through the steps with everything kept.
  await dialog()
    .getByRole('button', { name: `${t.newCase.edit} — ${t.newCase.steps.priority}` })
    .click();
  await expectStep('priority');
  expect(await dialog().getByTestId('new-case-priority-P3').locator('input').isChecked()).toBe(true);
  await next();
  await next();
  await next();
  await expectStep('review');

  if (options.failFirstSubmit) {
    // Google refuses the first create (rate limit): the case waits in the outbox, which opens and says so.
    preview.emulator.control.faults.add({ route: 'cases.create', kind: '429', times: 1 });
    await dialog().getByTestId('new-case-submit').click();
    const outbox = page.getByTestId('outbox-dialog');
    await outbox.getByTestId('outbox-queued-notice').waitFor({ timeout: 20_000 });
    const item = outbox.getByTestId('outbox-item').first();
    expect(await item.textContent()).toContain(title);
    await shot(11, 'queued');
    // Retried from there, unless the outbox's own timer was quicker: filed once either way.
    await item
      .getByRole('button', { name: t.outbox.retry })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 20_000 }).toBe('sent');
    await item.getByRole('button', { name: t.outbox.open }).click();
    await outbox.waitFor({ state: 'detached', timeout: 20_000 });
    return title;
  }
  // The user may proceed despite the personal-data warning.
  await dialog().getByTestId('new-case-submit').click();
  await dialog().waitFor({ state: 'detached', timeout: 20_000 });
  return title;
}

/** After submit: the case opens at once, pending in the list, then the real case once Google lists it. */
/** The reseller domain of a demo user's address. */
function domainOf(email: string): string {
  return email.slice(email.indexOf('@') + 1);
}

async function expectPendingThenReal(email: string, title: string, t: Catalog, lang: string): Promise<void> {
  const detail = page.getByTestId('case-detail');
  await expect.poll(() => detail.getByTestId('case-title').textContent(), { timeout: 20_000 }).toBe(title);
  const row = domainPanel(page, domainOf(email)).getByTestId('case-row').filter({ hasText: title });
  await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(t.cases.pending);
  expect((await detail.locator('.badge').allTextContents()).join(' | ')).toContain(t.cases.pending);
  await screenshot(page, `new-case-${lang}-12-pending`);

  const filed = (await casesVisibleTo(preview.emulator, email)).find((c) => c.title === title);
  expect(filed, 'the emulator has the case').toBeDefined();
  expect(filed!.priority).toBe('P3');
  expect(filed!.description).toContain('550 5.7.1 Message rejected');
  expect(filed!.description).toContain(t.newCase.questions.gmail.error);
  expect(await row.getAttribute('data-case-name')).toBe(filed!.name);
  // The two files staged in the flow were uploaded once the case existed.
  await expect
    .poll(async () => (await attachmentsOf(email, filed!.name)).map((a) => a.filename).sort(), { timeout: 20_000 })
    .toEqual(
      Object.values(attachmentFiles(lang))
        .map((f) => f.name)
        .sort(),
    );
  // The open case shows those uploads, followed to their end.
  await expect
    .poll(
      () =>
        detail
          .getByTestId('transfer')
          .evaluateAll((rows) =>
            rows.map((r) => `${r.getAttribute('data-filename')}:${r.getAttribute('data-state')}`).sort(),
          ),
      { timeout: 20_000 },
    )
    .toEqual(
      Object.values(attachmentFiles(lang))
        .map((f) => `${f.name}:done`)
        .sort(),
    );

  // Once the index caught up, a refresh lists it: no longer pending.
  await expect
    .poll(
      async () => {
        await domainPanel(page, domainOf(email)).getByTestId('sync-now').click();
        return row.textContent();
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .not.toContain(t.cases.pending);
  // The open case follows: no longer pending there either.
  await expect
    .poll(async () => (await detail.locator('.badge').allTextContents()).join(' | '), { timeout: 10_000 })
    .not.toContain(t.cases.pending);
  await screenshot(page, `new-case-${lang}-13-real`);
}

describe('New case on behalf of a customer, in Chromium on the demo emulator', () => {
  it('signs in to both demo domains', { timeout: STEP_TIMEOUT_MS }, async () => {
    await addDomain(page, NORTHWIND_DOMAIN, ALEX);
    await addDomain(page, LUMIERE_DOMAIN, CLAIRE);
    await domainTab(page, NORTHWIND_DOMAIN).click();
    await domainPanel(page, NORTHWIND_DOMAIN).waitFor();
  });

  it('files a case for a Northwind customer through every step, in English', { timeout: STEP_TIMEOUT_MS }, async () => {
    await domainPanel(page, NORTHWIND_DOMAIN).getByTestId('new-case').click();
    const title = await fileCase(NORTHWIND_DOMAIN, 'en', en, { failFirstSubmit: true });
    await expectPendingThenReal(ALEX, title, en, 'en');
  });

  it(
    'keeps what was typed when the flow is closed, and discards on request',
    { timeout: STEP_TIMEOUT_MS },
    async () => {
      const { granted } = customersOf(NORTHWIND_DOMAIN);
      // The entry point on a customer chooses it; Ctrl+N reopens the same draft where it was left.
      await domainPanel(page, NORTHWIND_DOMAIN).getByTestId(`customer-${granted.customerId}`).hover();
      await domainPanel(page, NORTHWIND_DOMAIN).getByTestId(`new-case-for-${granted.customerId}`).click();
      await expectStep('customer');
      expect(await dialog().getByTestId(`new-case-customer-${granted.customerId}`).locator('input').isChecked()).toBe(
        true,
      );
      await next();
      await next();
      await dialog().getByTestId('new-case-title').fill('Draft kept');
      await page.keyboard.press('Escape');
      await dialog().waitFor({ state: 'detached' });
      await page.keyboard.press('Control+n');
      await expectStep('title');
      expect(await dialog().getByTestId('new-case-title').inputValue()).toBe('Draft kept');
      // At 200 % zoom (half the CSS pixels), the steps fold into a row and the step still fits the width.
      await page.setViewportSize({ width: 700, height: 450 });
      await screenshot(page, 'new-case-en-zoom-200');
      expect(
        await dialog().evaluate((d) =>
          [...d.querySelectorAll('*')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .map((el) => `${el.tagName}.${el.className}`),
        ),
      ).toEqual([]);
      await page.setViewportSize({ width: 1400, height: 900 });
      await dialog().getByTestId('new-case-discard').click();
      await dialog().getByTestId('new-case-discard-confirm').click();
      await dialog().waitFor({ state: 'detached' });
      // A new draft: no customer chosen (the list scope is every customer), no title.
      await page.keyboard.press('Control+n');
      await expectStep('customer');
      expect(await dialog().locator('input[name="new-case-customer"]:checked').count()).toBe(0);
      await dialog().getByTestId(`new-case-customer-${granted.customerId}`).click();
      await next();
      await next();
      expect(await dialog().getByTestId('new-case-title').inputValue()).toBe('');
      await page.keyboard.press('Escape');
      await dialog().waitFor({ state: 'detached' });
    },
  );

  it('files a case for a Lumière customer through every step, in French', { timeout: STEP_TIMEOUT_MS }, async () => {
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language-select').selectOption('fr');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.keyboard.press('Escape');
    await domainTab(page, LUMIERE_DOMAIN).click();
    await domainPanel(page, LUMIERE_DOMAIN).waitFor();
    await page.keyboard.press('Control+n');
    expect(await dialog().locator('h2').textContent()).toBe(fr.newCase.title);
    const title = await fileCase(LUMIERE_DOMAIN, 'fr', fr);
    await expectPendingThenReal(CLAIRE, title, fr, 'fr');
    // One domain never sees the other's new case.
    const northwind = await casesVisibleTo(preview.emulator, ALEX);
    expect(northwind.some((c) => c.title === title)).toBe(false);
  });

  it('logged no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});

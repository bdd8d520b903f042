import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { NORTHWIND_DOMAIN } from '../../main/emulator';
import { fr } from '../../shared/i18n/fr';
import { startPreview, type Preview } from '../preview/preview-server';
import { addDomain, screenshot, SETTLE_TIMEOUT_MS, waitForPage } from './app-page';
import { auditPage, axeSource, describeViolations, openAuditedApp } from './axe-audit';
import { launchChromium } from './launch-chromium';

const ALEX = `alex.morgan@${NORTHWIND_DOMAIN}`;
const ID = '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';
const SECRET = 'GOCSPX-AbCdEfGhIjKlMnOpQrStUvWx_-12';
const STEP_TIMEOUT_MS = 120_000;
const axe = axeSource();

let preview: Preview;
let browser: Browser;
let page: Page;
let pageErrors: string[];
const previewLog: string[] = [];

beforeAll(async () => {
  preview = await startPreview({ emulatorOptions: { agent: false }, log: (line) => previewLog.push(line) });
  browser = await launchChromium();
  // The audit context (CSP bypassed for axe's injected script): the app itself runs unchanged.
  ({ page, pageErrors } = await openAuditedApp(browser, preview.url));
});
afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await preview?.close();
});

/** The pane as the user sees it, read in one go. */
const lookAtPane = () =>
  page.evaluate(() => {
    const pane = document.querySelector('[data-testid="google-connection-pane"]');
    const text = (id: string) => pane?.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
    const value = (id: string) => (pane?.querySelector(`[data-testid="${id}"]`) as HTMLInputElement | null)?.value;
    return {
      idError: text('oauth-clientId-error'),
      secretError: text('oauth-clientSecret-error'),
      confirm: text('google-connection-confirm'),
      restarting: text('google-connection-restarting'),
      status: text('google-connection-status'),
      id: value('oauth-clientId'),
      secret: value('oauth-clientSecret'),
      secretType: (pane?.querySelector('[data-testid="oauth-clientSecret"]') as HTMLInputElement | null)?.type,
    };
  });

describe('Settings › Google connection, through the preview', () => {
  it(
    'refuses a malformed client ID in French, keeps what was typed, then saves a valid client and asks for the restart',
    { timeout: STEP_TIMEOUT_MS },
    async () => {
      await addDomain(page, NORTHWIND_DOMAIN, ALEX);
      await page.getByTestId('open-settings').click();
      const dialog = page.getByTestId('settings-dialog');
      await dialog.getByTestId('language-select').selectOption('fr');
      await waitForPage(
        page,
        'the page in French',
        () => page.evaluate(() => document.documentElement.lang),
        (lang) => lang === 'fr',
      );
      const pane = dialog.getByTestId('google-connection-pane');
      await pane.scrollIntoViewIfNeeded();
      expect(await pane.getByTestId('google-connection-status').textContent()).toBe(fr.googleConnection.statusDemo);

      // A web client's JSON pasted whole, not the ID.
      const typedId = `{"client_id":"${ID}"}`;
      await pane.getByTestId('oauth-clientId').fill(typedId);
      await pane.getByTestId('oauth-clientSecret').fill(SECRET);
      await pane.getByTestId('google-connection-save').click();
      const refused = await waitForPage(page, 'the client ID refused', lookAtPane, (look) => look.idError !== null);
      expect(refused).toMatchObject({
        idError: fr.googleConnection.problems.clientId.shape,
        secretError: null,
        confirm: null,
        id: typedId,
        secret: SECRET,
        secretType: 'password',
      });
      expect(await pane.getByTestId('oauth-clientId').getAttribute('aria-invalid')).toBe('true');
      if (axe) {
        const violations = await auditPage(page, axe);
        expect(violations, describeViolations('Google connection pane with an error', violations)).toEqual([]);
      }
      await pane.getByTestId('oauth-clientId-error').scrollIntoViewIfNeeded();
      await screenshot(page, 'oauth-client-settings');

      // The core refuses it too, whatever the window checks, naming the field.
      const forged = await page.evaluate(
        (request) =>
          (
            window as unknown as { partnerDesk: { invoke(c: string, r: unknown): Promise<unknown> } }
          ).partnerDesk.invoke('backend:setOAuthClient', request),
        { clientId: typedId, clientSecret: SECRET },
      );
      expect(forged).toMatchObject({ ok: false, error: { code: 'bad_request', detail: { field: 'clientId' } } });
      expect(preview.restartRequests).toBe(0);

      await pane.getByTestId('oauth-clientId').fill(` ${ID} `);
      await pane.getByTestId('google-connection-save').click();
      const confirming = await waitForPage(page, 'the confirmation', lookAtPane, (look) => look.confirm !== null);
      expect(confirming.idError).toBeNull();
      expect(confirming.confirm).toContain(fr.googleConnection.confirmClient);
      expect(confirming.confirm).toContain(NORTHWIND_DOMAIN);
      expect(preview.restartRequests).toBe(0);
      await pane.getByTestId('google-connection-confirm').scrollIntoViewIfNeeded();
      await screenshot(page, 'oauth-client-settings-confirm');

      await pane.getByTestId('google-connection-confirm-restart').click();
      const restarting = await waitForPage(page, 'the restart', lookAtPane, (look) => look.restarting !== null);
      expect(restarting).toMatchObject({ restarting: fr.googleConnection.restarting, id: ID, secret: '' });
      expect(preview.restartRequests).toBe(1);

      // What the window can read: the client and that a secret is saved, never the secret.
      const got = await page.evaluate(() =>
        (window as unknown as { partnerDesk: { invoke(c: string, r: unknown): Promise<unknown> } }).partnerDesk.invoke(
          'backend:get',
          {},
        ),
      );
      expect(got).toEqual({
        ok: true,
        value: { kind: 'google', source: 'settings', clientId: ID, hasClientSecret: true },
      });
      expect(JSON.stringify(got)).not.toContain(SECRET);
      // The demo domain was signed out on the demo backend, its tab gone: not restored against Google.
      expect(await preview.core.handlers['accounts:list']({})).toEqual([]);
      await page.getByTestId('no-accounts').waitFor({ timeout: SETTLE_TIMEOUT_MS });
      expect(previewLog.join('\n')).not.toContain(SECRET);
      expect(pageErrors).toEqual([]);
    },
  );
});

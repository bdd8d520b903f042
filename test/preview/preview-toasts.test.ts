import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import type { OsNotification } from '../../main/core/ports';
import { DEMO_RESELLER_DOMAINS } from '../../shared/demo-domains';
import { launchChromium } from '../e2e/launch-chromium';
import { PREVIEW_SOCKET_PATH, type ServerFrame, type ToastFrame } from './preview-protocol';
import { startPreview, type Preview } from './preview-server';

let preview: Preview;
let browser: Browser | undefined;

beforeAll(async () => {
  preview = await startPreview({ log: () => undefined });
});
afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

const DOMAIN = DEMO_RESELLER_DOMAINS[0]!;
let nextId = 1;
function notification(overrides: Partial<OsNotification> = {}): OsNotification {
  const id = `n-${nextId++}`;
  return {
    id,
    title: `Acme · Mail stops at 9:00 (${id})`,
    body: 'Google support answered.',
    silent: false,
    domain: DOMAIN,
    caseNames: ['organizations/1/cases/1001'],
    ...overrides,
  };
}

/** A page's socket: the frames it received, and a wait for the next one that matches. */
async function page() {
  const ws = new WebSocket(`${preview.origin.replace(/^http:/, 'ws:')}${PREVIEW_SOCKET_PATH}?token=${preview.token}`, {
    headers: { Origin: preview.origin },
  });
  const frames: ServerFrame[] = [];
  const waiters = new Set<{ predicate: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    frames.push(frame);
    for (const waiter of waiters) {
      if (!waiter.predicate(frame)) continue;
      waiters.delete(waiter);
      waiter.resolve(frame);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    send: (frame: ToastFrame) => ws.send(JSON.stringify(frame)),
    next: (predicate: (f: ServerFrame) => boolean) =>
      new Promise<ServerFrame>((resolve) => {
        const seen = frames.find(predicate);
        if (seen) resolve(seen);
        else waiters.add({ predicate, resolve });
      }),
  };
}

const isToast = (id: string) => (f: ServerFrame) => f.type === 'toast' && f.notification.id === id;
const isClosed = (id: string) => (f: ServerFrame) => f.type === 'toast-closed' && f.id === id;

describe('the preview’s Notifier: OS notifications as in-page toasts', () => {
  it('shows each notification to every page, also one that connects later, and runs onClick once on Open', async () => {
    const first = await page();
    const shown = notification();
    let clicks = 0;
    preview.notifications.notifier.show(shown, () => clicks++);
    await expect(first.next(isToast(shown.id))).resolves.toEqual({ type: 'toast', notification: shown });
    // Held until opened or dismissed: a page opened afterwards (or reloaded) shows it too.
    const later = await page();
    await later.next(isToast(shown.id));

    later.send({ type: 'toast-open', id: shown.id });
    await Promise.all([first.next(isClosed(shown.id)), later.next(isClosed(shown.id))]);
    expect(clicks).toBe(1);
    expect(preview.notifications.shown()).toEqual([]);
    // A second click (the other page's, late) finds nothing to open.
    first.send({ type: 'toast-open', id: shown.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(clicks).toBe(1);
    first.ws.close();
    later.ws.close();
  });

  it('drops a dismissed toast without opening it', async () => {
    const client = await page();
    const shown = notification();
    let clicks = 0;
    preview.notifications.notifier.show(shown, () => clicks++);
    await client.next(isToast(shown.id));
    client.send({ type: 'toast-dismiss', id: shown.id });
    await client.next(isClosed(shown.id));
    expect(clicks).toBe(0);
    expect(preview.notifications.open(shown.id)).toBe(false);
    client.ws.close();
  });

  it('draws the toast in the page, outside the app; Open calls the notifier’s onClick on the server', async () => {
    browser = await launchChromium();
    const tab = await (await browser.newContext()).newPage();
    await tab.goto(preview.url);
    // The user chose French: the toast's own buttons follow the app's language.
    await preview.core.handlers['settings:set']({ language: 'fr' });
    await tab.waitForFunction(() => document.documentElement.lang === 'fr');
    const grouped = notification({
      silent: true,
      caseNames: ['organizations/1/cases/1001', 'organizations/1/cases/1002'],
    });
    const opened: string[] = [];
    preview.notifications.notifier.show(grouped, () => opened.push(grouped.id));
    const toast = tab.getByTestId('preview-toast');
    await toast.waitFor();
    expect(await toast.getAttribute('data-domain')).toBe(DOMAIN);
    expect(await toast.getAttribute('data-cases')).toBe(grouped.caseNames.join(' '));
    expect(await toast.getAttribute('data-silent')).toBe('true');
    expect(await toast.textContent()).toContain(grouped.title);
    expect(await toast.textContent()).toContain(grouped.body);
    // A labelled region of its own (axe: all content in landmarks); the buttons in the page's language.
    expect(await tab.getByRole('region', { name: 'Notifications' }).count()).toBe(1);
    expect(await toast.getByTestId('preview-toast-open').textContent()).toBe('Ouvrir');

    await toast.getByTestId('preview-toast-open').click();
    await toast.waitFor({ state: 'detached' });
    await expect.poll(() => opened).toEqual([grouped.id]);

    const dismissed = notification();
    preview.notifications.notifier.show(dismissed, () => opened.push(dismissed.id));
    await tab.getByTestId('preview-toast-dismiss').click();
    await tab.getByTestId('preview-toasts').waitFor({ state: 'detached' });
    await expect.poll(() => preview.notifications.shown()).toEqual([]);
    expect(opened).toEqual([grouped.id]);
  });
});

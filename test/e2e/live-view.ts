import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../main/emulator';
import { startPreview, type Preview } from '../preview/preview-server';
import { waitForPage } from './app-page';
import { casesVisibleTo, type VisibleCase } from './emulator-view';

/** One preview toast as the page shows it: data-domain, data-cases (space-separated case names), its text. */
export interface ToastLook {
  id: string;
  domain: string;
  cases: string;
  text: string;
}

/**
 * How long a step waits for Google's answer to reach a toast: the sync's next pass of that
 * customer (polled every second in these tests, passes at least 5 s apart, within the
 * request budget), then the notification's 2 s grouping window, on a machine shared with
 * other work.
 */
export const TOAST_TIMEOUT_MS = 60_000;

/** The preview's toasts on the page, in one look. */
export async function lookAtToasts(page: Page): Promise<ToastLook[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="preview-toast"]')].map((toast) => ({
      id: toast.dataset.toastId ?? '',
      domain: toast.dataset.domain ?? '',
      cases: toast.dataset.cases ?? '',
      text: toast.textContent ?? '',
    })),
  );
}

/** Waits for the toast about exactly the case `name` of `domain`, and returns it. */
export async function toastAbout(page: Page, domain: string, name: string): Promise<ToastLook> {
  const about = (toast: ToastLook) => toast.domain === domain && toast.cases === name;
  const toasts = await waitForPage(
    page,
    `a toast about ${name} in ${domain}`,
    () => lookAtToasts(page),
    (seen) => seen.some(about),
    TOAST_TIMEOUT_MS,
  );
  return toasts.find(about)!;
}

/** Clicks a button (preview-toast-open or preview-toast-dismiss) of one toast. */
export async function clickToast(page: Page, id: string, button: 'open' | 'dismiss'): Promise<void> {
  await page
    .locator(`[data-testid="preview-toast"][data-toast-id="${id}"] [data-testid="preview-toast-${button}"]`)
    .click();
}

/** Dismisses every toast on the page, and waits until none is left. */
export async function dismissToasts(page: Page): Promise<void> {
  for (const toast of await lookAtToasts(page)) await clickToast(page, toast.id, 'dismiss');
  await waitForPage(
    page,
    'no toast left',
    () => lookAtToasts(page),
    (seen) => seen.length === 0,
  );
}

/**
 * A case of `email`'s domain that Google is working on (NEW or in progress) and that no
 * step has used yet (`taken`, which it joins): acting on it is a change the app has not seen.
 */
export async function quietCase(emulator: RunningEmulator, email: string, taken: Set<string>): Promise<VisibleCase> {
  const found = (await casesVisibleTo(emulator, email)).find(
    (c) => !taken.has(c.name) && (c.state === 'IN_PROGRESS_GOOGLE_SUPPORT' || c.state === 'NEW'),
  );
  if (!found) throw new Error(`No case left for ${email} that Google is working on`);
  taken.add(found.name);
  return found;
}

/**
 * The preview for live updates: no simulated agent and no index delay, so cases change only
 * when the test acts as Google; customers with a case waiting on Google polled every second
 * (the app: 45 s), passes still 5 s apart.
 */
export function startLivePreview(): Promise<Preview> {
  return startPreview({
    emulatorOptions: { agent: false, rateLimitPerMinute: 10_000, indexingDelayMs: 0 },
    tuning: { syncSchedule: { hot: 1000, focus: 1000 } },
    log: () => undefined,
  });
}

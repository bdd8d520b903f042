import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LIVE_GROUP_WINDOW_MS } from '../../main/core/notifications/notification-center';
import type { Clock, OsNotification } from '../../main/core/ports';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import type { GoogleSupportAction } from '../../main/emulator/support-agent';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { EMPTY_CASE_FILTERS, type CaseRow } from '../../shared/model/case-query';
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from '../../shared/model/notification-rules';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

/**
 * Issue 8's promise end to end in the core: Google support answers a case in the emulator,
 * the sync detects it, the NotificationCenter shows one notification through the Notifier
 * port naming the customer and the case in the user's language, and its click asks the
 * renderer (notification:open) to open that very case in its own domain. A = Northwind,
 * B = Lumière, both signed in to the one core.
 */

const A = NORTHWIND_DOMAIN;
const B = LUMIERE_DOMAIN;
const MINUTE = 60_000;

/**
 * The core's clock is the emulator's (manual) one, so Google's update times and the
 * quiet hours read the same time; its timers (the notification's grouping window, the
 * hourly sync) fire only when the test moves that time with `advance`.
 */
class EmulatorTimeClock implements Clock {
  private timers: { due: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private readonly emulator: RunningEmulator) {}

  now(): number {
    return this.emulator.control.clock.now();
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const id = (this.nextId += 1);
    this.timers.push({ due: this.now() + Math.max(0, ms), fn, id });
    return {
      cancel: () => {
        this.timers = this.timers.filter((timer) => timer.id !== id);
      },
    };
  }

  advance(ms: number): void {
    const end = this.now() + ms;
    for (;;) {
      const next = this.timers.filter((timer) => timer.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.emulator.control.clock.advance(next.due - this.now());
      next.fn();
    }
    this.emulator.control.clock.advance(end - this.now());
  }
}

/** "HH:MM" of `at` in the machine's local time, as the quiet hours read it. */
const clockTime = (at: number) => {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
};

describe('from Google’s answer to the case opened: the live notification path', () => {
  let emulator: RunningEmulator;
  let clock: EmulatorTimeClock;
  let harness: CoreHarness;
  const shown: { notification: OsNotification; click: () => void }[] = [];
  const taken = new Set<string>();

  const rows = async (domain: string): Promise<CaseRow[]> =>
    (
      await harness.core.handlers['cases:query']({
        domain,
        filters: EMPTY_CASE_FILTERS,
        sort: { key: 'updateTime', direction: 'desc' },
        offset: 0,
        limit: 1000,
      })
    ).rows;
  /** An open case of `domain` no test has used yet, with its customer's name as the list shows it. */
  const quietCase = async (domain: string): Promise<CaseRow> => {
    const found = (await rows(domain)).find(
      (row) => !taken.has(row.name) && (row.state === 'IN_PROGRESS_GOOGLE_SUPPORT' || row.state === 'NEW'),
    );
    if (!found) throw new Error(`No quiet case left in ${domain}`);
    taken.add(found.name);
    return found;
  };
  const google = (name: string, action: GoogleSupportAction) => {
    clock.advance(MINUTE);
    emulator.control.actAsGoogle(name, action);
  };
  /** One sync pass of each domain, then the grouping window closes: what it showed. */
  const syncAndSettle = async (...domains: string[]) => {
    const before = shown.length;
    for (const domain of domains) await harness.core.handlers['sync:now']({ domain });
    clock.advance(LIVE_GROUP_WINDOW_MS);
    return shown.slice(before);
  };
  const setRules = (rules: Partial<NotificationRules>) =>
    harness.core.handlers['settings:set']({ notifications: { ...DEFAULT_NOTIFICATION_RULES, ...rules } });

  beforeAll(async () => {
    emulator = await startEmulator({
      dataset: 'demo',
      control: true,
      agent: false,
      indexingDelayMs: 0,
      manualClock: true,
    });
    clock = new EmulatorTimeClock(emulator);
    harness = await startCoreHarness({
      emulator,
      clock,
      syncIntervalMs: 3_600_000,
      notifier: { show: (notification, click) => shown.push({ notification, click }) },
    });
    for (const [domain, user] of [
      [A, DEMO_USERS.alex],
      [B, DEMO_USERS.claire],
    ] as const) {
      await harness.core.handlers['account:signIn']({ domain, loginHint: user });
      await harness.core.handlers['sync:now']({ domain });
    }
  });
  beforeEach(async () => {
    await setRules({});
    await harness.core.handlers['settings:set']({ language: 'system' });
  });
  afterAll(async () => {
    await harness?.dispose();
    if (harness) await removeDataDir(harness.dataDir);
    await emulator?.close();
  });

  it('Google answers a case in B: one notification names its customer and title in the OS language (French); its click opens that case in B', async () => {
    const answered = await quietCase(B);
    google(answered.name, { comment: 'Nous avons trouvé la cause.' });
    const notified = await syncAndSettle(A, B);
    expect(notified.map((entry) => entry.notification)).toEqual([
      expect.objectContaining({ domain: B, caseNames: [answered.name], silent: false }),
    ]);
    const { notification, click } = notified[0]!;
    expect(answered.customerName).toBeTruthy();
    expect(notification.title).toContain(answered.customerName);
    expect(notification.title).toContain(answered.title);
    expect(notification.body).toContain(fr.native.notifications.change.comment);
    expect(notification.body).not.toContain(en.native.notifications.change.comment);

    const opened = harness.waitForEvent('notification:open', (open) => open.name === answered.name);
    click();
    expect(await opened).toEqual({ domain: B, name: answered.name });
  });

  it('speaks English once the user chose it', async () => {
    await harness.core.handlers['settings:set']({ language: 'en' });
    const answered = await quietCase(B);
    google(answered.name, { state: 'ACTION_REQUIRED' });
    const notified = await syncAndSettle(B);
    expect(notified).toHaveLength(1);
    expect(notified[0]!.notification.title).toContain(answered.title);
    expect(notified[0]!.notification.body).toContain(en.native.notifications.change.actionRequired);
  });

  it('a change in A notifies A only, never naming a case of B', async () => {
    const inA = await quietCase(A);
    const namesOfB = new Set((await rows(B)).map((row) => row.name));
    const titlesOfB = new Set((await rows(B)).map((row) => row.title));
    google(inA.name, { comment: 'Here is what we found.' });
    const notified = await syncAndSettle(A, B);
    expect(notified.map((entry) => [entry.notification.domain, entry.notification.caseNames])).toEqual([
      [A, [inA.name]],
    ]);
    const { notification, click } = notified[0]!;
    for (const name of notification.caseNames) expect(namesOfB.has(name)).toBe(false);
    for (const title of titlesOfB) {
      if (title !== inA.title) expect(`${notification.title}\n${notification.body}`).not.toContain(title);
    }
    const opened = harness.waitForEvent('notification:open', (open) => open.name === inA.name);
    click();
    expect(await opened).toEqual({ domain: A, name: inA.name });
  });

  it('B muted: nothing shows for B while A still notifies; unmuted, B notifies again', async () => {
    await setRules({ mutedDomains: [B] });
    const inA = await quietCase(A);
    const inB = await quietCase(B);
    google(inA.name, { comment: 'A: the logs helped.' });
    google(inB.name, { comment: 'B : les journaux ont aidé.' });
    const notified = await syncAndSettle(A, B);
    expect(notified.map((entry) => [entry.notification.domain, entry.notification.caseNames])).toEqual([
      [A, [inA.name]],
    ]);
    // Muted is not unseen: B's case is unread all the same, and counted.
    expect((await rows(B)).find((row) => row.name === inB.name)?.unread).toBe(true);

    await setRules({});
    const again = await quietCase(B);
    google(again.name, { escalate: true });
    expect((await syncAndSettle(A, B)).map((entry) => entry.notification.caseNames)).toEqual([[again.name]]);
  });

  it('quiet hours show nothing for any domain; once they are over, the next change notifies', async () => {
    const now = clock.now();
    await setRules({ quietHours: { enabled: true, start: clockTime(now), end: clockTime(now + 2 * 60 * MINUTE) } });
    const inA = await quietCase(A);
    const inB = await quietCase(B);
    google(inA.name, { comment: 'Quiet A' });
    google(inB.name, { comment: 'Quiet B' });
    expect(await syncAndSettle(A, B)).toEqual([]);
    expect((await rows(A)).find((row) => row.name === inA.name)?.unread).toBe(true);

    clock.advance(2 * 60 * MINUTE);
    const after = await quietCase(B);
    google(after.name, { comment: 'Awake B' });
    expect((await syncAndSettle(A, B)).map((entry) => entry.notification.caseNames)).toEqual([[after.name]]);
  });
});

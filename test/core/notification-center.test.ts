import { describe, expect, it } from 'vitest';
import type { ChangeBurst, DetectedChange } from '../../main/core/notifications/change-burst';
import {
  LIVE_GROUP_WINDOW_MS,
  NotificationCenter,
  type OpenTarget,
} from '../../main/core/notifications/notification-center';
import { MAX_LISTED_CASES } from '../../main/core/notifications/notification-text';
import type { Notifier, OsNotification } from '../../main/core/ports';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings';
import { ManualClock } from '../helpers/manual-clock';
import { recordingLogger } from './helpers/recording-logger';

const A = 'northwind-reseller.example';
const B = 'lumiere-revendeur.example';

let serial = 0;
function change(overrides: Partial<DetectedChange> = {}): DetectedChange {
  serial += 1;
  return {
    kind: 'comment',
    name: `organizations/1/cases/${serial}`,
    customerId: `C${serial}`,
    customerName: `Customer ${serial}`,
    title: `Title ${serial}`,
    state: 'IN_PROGRESS_GOOGLE_SUPPORT',
    priority: 'P3',
    mine: true,
    at: '2026-03-02T09:00:00.000Z',
    ...overrides,
  };
}

function burst(domain: string, changes: DetectedChange[], reason: ChangeBurst['reason'] = 'live', attentionCount = 0) {
  return { domain, reason, changes, attentionCount } satisfies ChangeBurst;
}

/** A center on a fake Notifier, a manual clock at local 10:00, and settings the test edits. */
function setup(systemLocale = 'fr-FR') {
  const clock = new ManualClock(new Date(2026, 2, 2, 10, 0).getTime());
  let settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const shown: { notification: OsNotification; click: () => void }[] = [];
  const opened: OpenTarget[] = [];
  const notifier: Notifier = { show: (notification, click) => shown.push({ notification, click }) };
  const log = recordingLogger();
  const center = new NotificationCenter({
    notifier,
    clock,
    settings: () => settings,
    systemLocale,
    onOpen: (target) => opened.push(target),
    log,
  });
  const edit = (update: (rules: Settings) => void) => {
    settings = structuredClone(settings);
    update(settings);
  };
  const settle = () => clock.advance(LIVE_GROUP_WINDOW_MS);
  return { clock, center, shown, opened, edit, settle, log };
}

describe('live changes', () => {
  it('notify once the grouping window closed, naming the customer, the case and what changed, in the OS language', () => {
    const { center, shown, opened, clock, settle } = setup();
    const reply = change();
    center.take(burst(A, [reply]));
    clock.advance(LIVE_GROUP_WINDOW_MS - 1);
    expect(shown).toEqual([]);
    clock.advance(1);
    expect(shown).toHaveLength(1);
    const { notification, click } = shown[0]!;
    expect(notification).toMatchObject({ domain: A, caseNames: [reply.name], silent: false });
    expect(notification.title).toContain(reply.customerName);
    expect(notification.title).toContain(`«\u00a0${reply.title}\u00a0»`);
    expect(notification.body).toBe(`${fr.native.notifications.change.comment} · ${A}`);
    click();
    expect(opened).toEqual([{ domain: A, name: reply.name }]);
    settle();
    expect(shown).toHaveLength(1);
  });

  it('words every kind of change', () => {
    const { center, shown, settle } = setup('en-US');
    const words = en.native.notifications.change;
    const cases: [DetectedChange, string][] = [
      [change({ kind: 'comment' }), words.comment],
      [change({ kind: 'state', state: 'ACTION_REQUIRED' }), words.actionRequired],
      [change({ kind: 'state', state: 'SOLUTION_PROVIDED' }), words.solutionProvided],
      [change({ kind: 'state', state: 'CLOSED' }), words.closed],
      [change({ kind: 'state', state: 'NEW' }), `Status changed to ${en.state.NEW}`],
      [change({ kind: 'priority', priority: 'P1' }), 'Priority changed to P1'],
      [change({ kind: 'escalation' }), words.escalation],
      [change({ kind: 'attachment' }), words.attachment],
      [change({ kind: 'new_case' }), words.newCase],
    ];
    for (const [detected, expected] of cases) {
      center.take(burst(A, [detected]));
      settle();
      expect(shown.at(-1)?.notification.body).toBe(`${expected} · ${A}`);
    }
    expect(shown).toHaveLength(cases.length);
  });

  it('group one case’s changes, then a domain’s cases within the window, into one notification that opens the tab', () => {
    const { center, shown, opened, clock, settle } = setup('en-US');
    const reply = change();
    const solved = { ...reply, kind: 'state' as const, state: 'SOLUTION_PROVIDED' as const };
    center.take(burst(A, [reply, solved]));
    settle();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.notification.caseNames).toEqual([reply.name]);
    expect(shown[0]!.notification.body).toBe(`Google support replied, Solution proposed · ${A}`);

    const [first, second, third] = [change(), change({ kind: 'escalation' }), change({ kind: 'new_case' })];
    center.take(burst(A, [first!, second!]));
    clock.advance(LIVE_GROUP_WINDOW_MS / 2);
    center.take(burst(A, [third!, { ...first!, kind: 'attachment' }]));
    clock.advance(LIVE_GROUP_WINDOW_MS / 2);
    expect(shown).toHaveLength(2);
    const grouped = shown[1]!;
    expect(grouped.notification.caseNames).toEqual([first!.name, second!.name, third!.name]);
    expect(grouped.notification.title).toBe(`3 cases updated in ${A}`);
    expect(grouped.notification.body.split('\n')).toEqual([
      `${first!.customerName}: “${first!.title}” · Google support replied, New attachment from Google`,
      `${second!.customerName}: “${second!.title}” · Escalated`,
      `${third!.customerName}: “${third!.title}” · New case filed`,
    ]);
    grouped.click();
    expect(opened).toEqual([{ domain: A }]);
  });

  it(`list ${MAX_LISTED_CASES} cases of a large group, then how many more`, () => {
    const { center, shown, settle } = setup('en-US');
    const changes = Array.from({ length: MAX_LISTED_CASES + 4 }, () => change());
    center.take(burst(A, changes));
    settle();
    const lines = shown[0]!.notification.body.split('\n');
    expect(lines).toHaveLength(MAX_LISTED_CASES + 1);
    expect(lines.at(-1)).toBe('and 4 more');
    expect(shown[0]!.notification.caseNames).toHaveLength(changes.length);
  });

  it('keep bursts after the window apart, and never name one domain’s cases in another’s notification', () => {
    const { center, shown, opened, settle } = setup();
    const inA = [change(), change()];
    const inB = [change({ customerName: 'Only in B', title: 'B’s case' })];
    center.take(burst(A, inA));
    center.take(burst(B, inB));
    settle();
    center.take(burst(B, [change()]));
    settle();
    expect(shown.map((s) => s.notification.domain)).toEqual([A, B, B]);
    const [a, b] = shown;
    expect(a!.notification.caseNames).toEqual(inA.map((c) => c.name));
    expect(b!.notification.caseNames).toEqual(inB.map((c) => c.name));
    for (const other of inB) {
      expect(a!.notification.title + a!.notification.body).not.toContain(other.customerName);
      expect(a!.notification.title + a!.notification.body).not.toContain(other.title);
    }
    for (const other of inA) expect(b!.notification.title + b!.notification.body).not.toContain(other.title);
    b!.click();
    expect(opened).toEqual([{ domain: B, name: inB[0]!.name }]);
  });

  it('keep each notification’s id unique', () => {
    const { center, shown, settle } = setup();
    for (let i = 0; i < 5; i += 1) {
      center.take(burst(i % 2 ? A : B, [change()]));
      settle();
    }
    expect(new Set(shown.map((s) => s.notification.id)).size).toBe(5);
  });
});

describe('rules', () => {
  it('are read at each notification: off, kinds, only mine, muted domain and customer', () => {
    const { center, shown, edit, settle } = setup();
    const notify = (domain: string, changes: DetectedChange[]) => {
      const before = shown.length;
      center.take(burst(domain, changes));
      settle();
      return shown.slice(before).map((s) => s.notification.caseNames);
    };
    edit((s) => (s.notifications.enabled = false));
    expect(notify(A, [change()])).toEqual([]);
    edit((s) => (s.notifications.enabled = true));

    edit((s) => (s.notifications.kinds = ['state', 'new_case']));
    const state = change({ kind: 'state', state: 'ACTION_REQUIRED' });
    expect(notify(A, [change({ kind: 'comment' }), state, change({ kind: 'priority' })])).toEqual([[state.name]]);
    edit((s) => (s.notifications.kinds = [...DEFAULT_SETTINGS.notifications.kinds]));

    edit((s) => (s.notifications.onlyMine = true));
    const mine = change({ mine: true });
    expect(notify(A, [change({ mine: false }), mine])).toEqual([[mine.name]]);
    edit((s) => (s.notifications.onlyMine = false));

    edit((s) => (s.notifications.mutedDomains = [A]));
    expect(notify(A, [change()])).toEqual([]);
    const inB = change();
    expect(notify(B, [inB])).toEqual([[inB.name]]);
    edit((s) => (s.notifications.mutedDomains = []));

    // The same customer id muted in A stays heard in B.
    edit((s) => (s.notifications.mutedCustomers = [{ domain: A, customerId: 'C-muted' }]));
    const other = change();
    expect(notify(A, [change({ customerId: 'C-muted' }), other])).toEqual([[other.name]]);
    const sameIdInB = change({ customerId: 'C-muted' });
    expect(notify(B, [sameIdInB])).toEqual([[sameIdInB.name]]);
  });

  it('apply when the window closes: muting a domain while its changes wait drops them', () => {
    const { center, shown, edit, settle } = setup();
    center.take(burst(A, [change()]));
    edit((s) => (s.notifications.mutedDomains = [A]));
    settle();
    expect(shown).toEqual([]);
  });

  it('show nothing in quiet hours, across midnight, and again once they end', () => {
    const { center, shown, edit, clock, settle } = setup();
    edit((s) => (s.notifications.quietHours = { enabled: true, start: '22:00', end: '07:30' }));
    // 10:00 → 21:59:58: the window closes at 22:00:00, inside the quiet hours.
    clock.advance(new Date(2026, 2, 2, 21, 59, 58).getTime() - clock.now());
    center.take(burst(A, [change()]));
    settle();
    expect(shown).toEqual([]);
    clock.advance(new Date(2026, 2, 3, 7, 29).getTime() - clock.now());
    center.take(burst(A, [change()]));
    settle();
    center.take(burst(A, [change()], 'first_sync', 3));
    expect(shown).toEqual([]);
    clock.advance(new Date(2026, 2, 3, 7, 30).getTime() - clock.now());
    center.take(burst(A, [change()]));
    settle();
    expect(shown).toHaveLength(1);
  });
});

describe('summaries', () => {
  it('a catch-up: one silent summary per domain, however many cases, naming how many need the team', () => {
    const { center, shown, opened } = setup();
    const changes = Array.from({ length: 12 }, (_, i) => change({ kind: i % 2 ? 'state' : 'comment' }));
    center.take(burst(A, [...changes, { ...changes[0]!, kind: 'attachment' }], 'catch_up', 5));
    expect(shown).toHaveLength(1);
    const { notification, click } = shown[0]!;
    expect(notification).toMatchObject({ domain: A, silent: true, caseNames: changes.map((c) => c.name) });
    expect(notification.title).toBe(`12 demandes ont changé dans ${A} pendant votre absence`);
    expect(notification.body.split('\n').at(-1)).toBe('5 demandes vous attendent.');
    click();
    expect(opened).toEqual([{ domain: A }]);
  });

  it('a catch-up of one case opens it, and says it in the singular', () => {
    const { center, shown, opened } = setup('en-GB');
    const only = change();
    center.take(burst(A, [only], 'catch_up', 1));
    expect(shown[0]!.notification.title).toBe(`1 case changed in ${A} while you were away`);
    expect(shown[0]!.notification.body.split('\n').at(-1)).toBe('1 case needs you.');
    shown[0]!.click();
    expect(opened).toEqual([{ domain: A, name: only.name }]);
  });

  it('a catch-up shows what waited in the window first, and nothing when the rules leave nothing', () => {
    const { center, shown, edit } = setup();
    const live = change();
    center.take(burst(A, [live]));
    center.take(burst(A, [change()], 'catch_up', 0));
    expect(shown.map((s) => s.notification.silent)).toEqual([false, true]);
    expect(shown[0]!.notification.caseNames).toEqual([live.name]);
    edit((s) => (s.notifications.kinds = ['escalation']));
    center.take(burst(A, [change()], 'catch_up', 4));
    expect(shown).toHaveLength(2);
  });

  it('a first sync: only when cases need the team, never one per case', () => {
    const { center, shown, opened } = setup();
    center.take(burst(A, [change(), change()], 'first_sync', 0));
    expect(shown).toEqual([]);
    center.take(
      burst(
        A,
        Array.from({ length: 30 }, () => change()),
        'first_sync',
        12,
      ),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]!.notification).toMatchObject({
      title: `12 demandes vous attendent dans ${A}`,
      body: fr.native.notifications.firstSyncBody,
      silent: true,
      caseNames: [],
    });
    shown[0]!.click();
    expect(opened).toEqual([{ domain: A }]);
  });
});

describe('language', () => {
  it('follows the setting at each notification, and the OS locale for "system"', () => {
    const { center, shown, edit, settle } = setup('fr-CA');
    const again = () => {
      center.take(burst(A, [change({ kind: 'escalation' })]));
      settle();
      return shown.at(-1)!.notification.body;
    };
    expect(again()).toBe(`${fr.native.notifications.change.escalation} · ${A}`);
    edit((s) => (s.language = 'en'));
    expect(again()).toBe(`${en.native.notifications.change.escalation} · ${A}`);
    edit((s) => (s.language = 'fr'));
    expect(again()).toBe(`${fr.native.notifications.change.escalation} · ${A}`);
  });
});

describe('failures', () => {
  it('a notifier that throws is logged, and later notifications still show', () => {
    const { log, settle, clock } = setup();
    const shownAfterFailures: OsNotification[] = [];
    let fail = true;
    const failing = new NotificationCenter({
      notifier: {
        show: (notification) => {
          if (fail) throw new Error('no notification daemon');
          shownAfterFailures.push(notification);
        },
      },
      clock,
      settings: () => DEFAULT_SETTINGS,
      systemLocale: 'en',
      onOpen: () => undefined,
      log,
    });
    failing.take(burst(A, [change()], 'first_sync', 2));
    failing.take(burst(A, [change()]));
    expect(() => settle()).not.toThrow();
    expect(log.entries.filter((entry) => entry.level === 'error')).toHaveLength(2);
    fail = false;
    failing.take(burst(A, [change()]));
    settle();
    expect(shownAfterFailures).toHaveLength(1);
  });

  it('dispose drops what waits in the window', () => {
    const { center, shown, clock, settle } = setup();
    center.take(burst(A, [change()]));
    center.dispose();
    expect(clock.pendingDelays()).toEqual([]);
    settle();
    expect(shown).toEqual([]);
  });
});

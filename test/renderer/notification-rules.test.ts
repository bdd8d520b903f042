import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../shared/model/case-change';
import { DEFAULT_NOTIFICATION_RULES, notificationRulesSchema } from '../../shared/model/notification-rules';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import {
  isCustomerMuted,
  isDomainMuted,
  quietHoursProblem,
  withCustomerMuted,
  withDomainMuted,
  withKind,
} from '../../renderer/store/notification-rules-edit';
import { createFakeBridge, deferred, settle } from './fake-bridge';

const A = 'northwind-reseller.example';
const B = 'revendeur-lumiere.example';

describe('notification rules as the settings edit them', () => {
  it('mutes and unmutes a domain without touching another', () => {
    const muted = withDomainMuted(withDomainMuted(DEFAULT_NOTIFICATION_RULES, A, true), A, true);
    expect(muted.mutedDomains).toEqual([A]);
    expect(isDomainMuted(muted, A)).toBe(true);
    expect(isDomainMuted(muted, B)).toBe(false);
    expect(withDomainMuted(withDomainMuted(muted, B, true), A, false).mutedDomains).toEqual([B]);
  });

  it('mutes a customer of one domain only: the same id in another domain stays audible', () => {
    const muted = withCustomerMuted(DEFAULT_NOTIFICATION_RULES, A, 'C01', true);
    expect(isCustomerMuted(muted, A, 'C01')).toBe(true);
    expect(isCustomerMuted(muted, B, 'C01')).toBe(false);
    const both = withCustomerMuted(muted, B, 'C01', true);
    expect(withCustomerMuted(both, A, 'C01', false).mutedCustomers).toEqual([{ domain: B, customerId: 'C01' }]);
    expect(notificationRulesSchema.safeParse(both).success).toBe(true);
  });

  it('keeps the kinds in the catalog’s order, whatever order they are ticked in', () => {
    const none = { ...DEFAULT_NOTIFICATION_RULES, kinds: [] };
    const ticked = withKind(withKind(none, 'state', true, CHANGE_KINDS), 'comment', true, CHANGE_KINDS);
    expect(ticked.kinds).toEqual(['comment', 'state']);
    expect(withKind(ticked, 'comment', false, CHANGE_KINDS).kinds).toEqual(['state']);
  });

  it('says what is wrong with quiet hours as typed, and accepts a span across midnight', () => {
    expect(quietHoursProblem('20:00', '08:00')).toBeNull();
    expect(quietHoursProblem('08:00', '20:00')).toBeNull();
    expect(quietHoursProblem('', '08:00')).toBe('empty');
    expect(quietHoursProblem('25:00', '08:00')).toBe('invalid');
    expect(quietHoursProblem('8:00', '08:00')).toBe('invalid');
    expect(quietHoursProblem('22:30', '22:30')).toBe('same');
  });
});

describe('settings store: the notification rules through settings:set', () => {
  function setUp() {
    const answers: Array<ReturnType<typeof deferred<Settings>>> = [];
    const sent: Partial<Settings>[] = [];
    const bridge = createFakeBridge({
      'settings:set': (change: Partial<Settings>) => {
        sent.push(change);
        const answer = deferred<Settings>();
        answers.push(answer);
        return answer.promise;
      },
    });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    return { stores, answers, sent };
  }

  it('sends the whole rules; two quick edits both stay, and an earlier answer does not undo the later edit', async () => {
    const { stores, answers, sent } = setUp();
    const settings = stores.settings;
    void settings.getState().updateNotifications((r) => withDomainMuted(r, A, true));
    void settings.getState().updateNotifications((r) => ({ ...r, onlyMine: true }));
    expect(sent).toHaveLength(2);
    expect(sent[1]?.notifications).toMatchObject({ mutedDomains: [A], onlyMine: true });
    // The core answers the first edit (without the second) after the second was made.
    answers[0]!.resolve({ ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_NOTIFICATION_RULES, mutedDomains: [A] } });
    await settle();
    expect(settings.getState().settings.notifications).toMatchObject({ mutedDomains: [A], onlyMine: true });
    answers[1]!.resolve({ ...DEFAULT_SETTINGS, notifications: sent[1]!.notifications! });
    await settle();
    expect(settings.getState().settings.notifications).toEqual(sent[1]!.notifications);
    expect(settings.getState().error).toBeNull();
  });

  it('puts the rules back and says why when the core refuses them', async () => {
    const { stores, answers } = setUp();
    const edit = stores.settings.getState().updateNotifications((r) => withCustomerMuted(r, B, 'C07', true));
    expect(isCustomerMuted(stores.settings.getState().settings.notifications, B, 'C07')).toBe(true);
    answers[0]!.reject({ code: 'internal', message: 'disk full' });
    await edit;
    expect(stores.settings.getState().settings.notifications).toEqual(DEFAULT_NOTIFICATION_RULES);
    expect(stores.settings.getState().error?.code).toBe('internal');
  });
});

import { describe, expect, it } from 'vitest';
import { pendingWorkText } from '../../renderer/features/accounts/pending-work-text';
import { noticeText } from '../../renderer/features/notices/notice-text';
import { createI18n } from '../../renderer/i18n/create-i18n';
import { isSingular } from '../../renderer/i18n/format';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { loadPendingWork } from '../../renderer/store/pending-work';
import { wireEvents } from '../../renderer/store/wire-events';
import type { Draft } from '../../shared/model/draft';
import type { Notice } from '../../shared/model/notice';
import type { OutboxItem } from '../../shared/model/outbox';
import { createFakeBridge, deferred, settle } from './fake-bridge';

const notice = (id: string, code: Notice['code'], facts: Record<string, string>): Notice => ({
  id,
  code,
  facts,
  at: '2026-11-29T10:00:00.000Z',
});

describe('notices store', () => {
  it('lists at start, follows notices:changed, and dismisses in main', async () => {
    let listed = [notice('n1', 'settings_recovered', { source: 'last_good' })];
    const bridge = createFakeBridge({
      'notices:list': () => listed,
      'notice:dismiss': ({ id }: { id: string }) => {
        listed = listed.filter((entry) => entry.id !== id);
        return {};
      },
    });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    const unwire = wireEvents(stores);
    await stores.notices.getState().load();
    expect(stores.notices.getState().notices.map((entry) => entry.id)).toEqual(['n1']);

    listed = [...listed, notice('n2', 'account_skipped', { entry: '../../x' })];
    bridge.emit('notices:changed', {});
    await expect.poll(() => stores.notices.getState().notices.map((entry) => entry.id)).toEqual(['n1', 'n2']);

    await stores.notices.getState().dismiss('n1');
    expect(stores.notices.getState().notices.map((entry) => entry.id)).toEqual(['n2']);
    expect(bridge.calls.filter((call) => call.channel === 'notice:dismiss')).toEqual([
      { channel: 'notice:dismiss', request: { id: 'n1' } },
    ]);
    unwire();
  });

  it('never brings back a dismissed notice with a list answered late, nor drops notices on a failed list', async () => {
    const late = deferred<Notice[]>();
    let answer: () => unknown = () => late.promise;
    const bridge = createFakeBridge({ 'notices:list': () => answer(), 'notice:dismiss': () => ({}) });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    const first = notice('n1', 'database_recovered', { domain: 'a.example', salvaged: '2' });
    answer = () => [first];
    await stores.notices.getState().load();
    answer = () => late.promise;
    const pending = stores.notices.getState().load();
    await stores.notices.getState().dismiss('n1');
    late.resolve([first]);
    await pending;
    expect(stores.notices.getState().notices).toEqual([]);

    answer = () => [notice('n2', 'account_skipped', { entry: 'b.example' })];
    await stores.notices.getState().load();
    answer = () => {
      throw { code: 'internal', message: 'core lost' };
    };
    await stores.notices.getState().load();
    await settle();
    expect(stores.notices.getState().notices.map((entry) => entry.id)).toEqual(['n2']);
  });
});

describe('notices in words', () => {
  const en = createI18n('en');
  const fr = createI18n('fr');
  const words = (language: 'en' | 'fr', entry: Notice) =>
    noticeText((language === 'en' ? en : fr).t, entry, (count) => isSingular(count, language));

  it('words each code with its facts, in both languages', () => {
    const damaged = notice('1', 'database_recovered', { domain: 'a.example', salvaged: '3' });
    expect(words('en', damaged)).toContain('a.example');
    expect(words('en', damaged)).toContain('3 drafts or messages waiting to be sent were recovered');
    expect(words('fr', damaged)).toContain('3 brouillons ou messages en attente d’envoi en ont été récupérés');
    expect(words('en', { ...damaged, facts: { domain: 'a.example', salvaged: '1' } })).toContain(
      '1 draft or message waiting to be sent was recovered',
    );
    expect(words('en', { ...damaged, facts: { domain: 'a.example', salvaged: '0' } })).not.toMatch(/recovered from/);

    const settings = notice('2', 'settings_recovered', { source: 'last_good' });
    expect(words('en', settings)).toMatch(/restored from its last good copy/);
    expect(words('fr', settings)).toMatch(/dernière copie valide/);
    expect(words('en', { ...settings, facts: { source: 'defaults' } })).toMatch(/default settings are in use/);

    const skipped = notice('3', 'account_skipped', { entry: 'NORTHWIND-RESELLER.EXAMPLE' });
    expect(words('en', skipped)).toContain('“NORTHWIND-RESELLER.EXAMPLE”');
    expect(words('fr', skipped)).toContain('«\u00a0NORTHWIND-RESELLER.EXAMPLE\u00a0»');

    // Sign-ins not read back at start: worded by why, naming the domains.
    const domains = 'a.example, b.example';
    const unreachable = notice('4', 'secrets_unreachable', { reason: 'no_secret_service', domains });
    expect(words('en', unreachable)).toContain(`The sign-ins of ${domains} are kept in a keychain`);
    expect(words('en', unreachable)).toContain('Nothing was deleted');
    expect(words('fr', unreachable)).toContain('Rien n’a été supprimé');
    expect(words('en', { ...unreachable, facts: { reason: 'not_kept', domains } })).toMatch(/kept only until/);
    expect(words('fr', { ...unreachable, facts: { reason: 'unreadable', domains } })).toMatch(/n’ont pas pu être lues/);
  });
});

describe('sign-out asks first', () => {
  const CASE = 'organizations/1/cases/42';
  const draft = (domain: string, n: number): Draft => ({
    id: `draft-${domain}-${n}`.replace(/\./g, '_'),
    domain,
    content: { kind: 'comment', caseName: CASE, body: `reply ${n}` },
    files: [],
    revision: 1,
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
  });
  const item = (domain: string, state: OutboxItem['state']): OutboxItem => ({
    id: `${domain}-${state}`,
    domain,
    draftId: null,
    submission: { kind: 'comment', caseName: CASE, body: 'sent from the train' },
    reference: 'PD-7F3K2Q',
    state,
    attempts: 0,
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
  });

  it('counts the drafts and the outbox items not sent yet, of that domain only', async () => {
    const bridge = createFakeBridge({
      'drafts:list': ({ domain }: { domain: string }) =>
        domain === 'a.example' ? [1, 2, 3].map((n) => draft(domain, n)) : [draft(domain, 9)],
      'outbox:list': ({ domain }: { domain: string }) =>
        domain === 'a.example'
          ? [item(domain, 'queued'), item(domain, 'sent'), item(domain, 'failed'), item(domain, 'sending')]
          : [item(domain, 'queued')],
    });
    const client = createPartnerDeskClient(bridge);
    expect(await loadPendingWork(client, 'a.example')).toEqual({ drafts: 3, queued: 3 });
    expect(await loadPendingWork(client, 'b.example')).toEqual({ drafts: 1, queued: 1 });
  });

  it('treats a list main refuses as unknown', async () => {
    const bridge = createFakeBridge({
      'drafts:list': () => {
        throw { code: 'internal', message: 'Not built yet.' };
      },
      'outbox:list': () => [],
    });
    expect(await loadPendingWork(createPartnerDeskClient(bridge), 'a.example')).toEqual({ drafts: null, queued: 0 });
  });

  it('names the counts, or warns in general when it could not check', () => {
    const en = createI18n('en');
    const fr = createI18n('fr');
    const say = (language: 'en' | 'fr', drafts: number | null, queued: number | null) =>
      pendingWorkText((language === 'en' ? en : fr).t, { drafts, queued }, (count) => isSingular(count, language));
    expect(say('en', 3, 1)).toBe('3 drafts and 1 message waiting to be sent will be deleted.');
    expect(say('fr', 3, 1)).toBe('3 brouillons et 1 message en attente d’envoi seront supprimés.');
    expect(say('en', 1, 0)).toBe('1 draft will be deleted.');
    expect(say('fr', 1, 0)).toBe('1 brouillon sera supprimé.');
    expect(say('en', 0, 2)).toBe('2 messages waiting to be sent will be deleted.');
    expect(say('en', 0, 0)).toBeNull();
    expect(say('en', null, 0)).toMatch(/could not check/);
    expect(say('fr', 2, null)).toMatch(/n’a pas pu vérifier/);
  });
});

import { describe, expect, it } from 'vitest';
import { AccountRegistry, describeEntry } from '../../main/core/accounts/account-registry';
import { PreferencesStore } from '../../main/core/settings/preferences-store';
import { DEFAULT_SETTINGS } from '../../shared/model/settings';
import { MemoryKeyValueStore } from './helpers/memory-stores';

describe('PreferencesStore', () => {
  it('keeps settings, merging partial updates, and falls back field by field on bad stored values', () => {
    const store = new MemoryKeyValueStore();
    const preferences = new PreferencesStore(store);
    expect(preferences.settings()).toEqual(DEFAULT_SETTINGS);
    expect(preferences.updateSettings({ theme: 'dark' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(preferences.updateSettings({ language: 'fr' })).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'fr',
      theme: 'dark',
    });
    expect(new PreferencesStore(store).settings()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', theme: 'dark' });

    store.set('settings', { language: 'klingon', theme: 'light' });
    expect(preferences.settings()).toEqual(DEFAULT_SETTINGS);
    store.set('settings', 'garbage');
    expect(preferences.settings()).toEqual(DEFAULT_SETTINGS);
    expect(() => preferences.updateSettings({ theme: 'neon' as never })).toThrow();
  });

  it('keeps filters per domain and forgets them with the domain', () => {
    const preferences = new PreferencesStore(new MemoryKeyValueStore());
    const filters = { keyword: 'meet', states: ['NEW' as const], priorities: ['P0' as const] };
    preferences.setFilters('a.example', filters);
    expect(preferences.filters('a.example')).toEqual(filters);
    expect(preferences.filters('b.example')).toEqual({ keyword: '', states: [], priorities: [] });
    preferences.forgetDomain('a.example');
    expect(preferences.filters('a.example')).toEqual({ keyword: '', states: [], priorities: [] });
  });
});

describe('AccountRegistry', () => {
  const account = (domain: string) => ({ domain, email: `x@${domain}`, displayName: domain });

  it('keeps accounts in tab order, updates in place and reorders', () => {
    const store = new MemoryKeyValueStore();
    const registry = new AccountRegistry(store);
    registry.upsert(account('a.example'));
    registry.upsert(account('b.example'));
    registry.upsert(account('c.example'));
    registry.upsert({ ...account('a.example'), email: 'y@a.example' });
    expect(registry.list().map((entry) => entry.email)).toEqual(['y@a.example', 'x@b.example', 'x@c.example']);

    registry.reorder(['c.example', 'unknown.example', 'a.example']);
    expect(new AccountRegistry(store).list().map((entry) => entry.domain)).toEqual([
      'c.example',
      'a.example',
      'b.example',
    ]);
    registry.remove('a.example');
    expect(registry.list().map((entry) => entry.domain)).toEqual(['c.example', 'b.example']);
  });

  it('skips damaged entries instead of failing', () => {
    const store = new MemoryKeyValueStore();
    store.set('accounts', [account('a.example'), { domain: 42 }, 'junk', account('a.example'), account('b.example')]);
    expect(new AccountRegistry(store).list().map((entry) => entry.domain)).toEqual(['a.example', 'b.example']);
    store.set('accounts', { not: 'a list' });
    expect(new AccountRegistry(store).list()).toEqual([]);
  });

  it('skips entries whose domain breaks the contract rule, and keeps them in the file for a hand fix', () => {
    const store = new MemoryKeyValueStore();
    const bad = [account('../../x'), account('NORTHWIND-RESELLER.EXAMPLE'), { domain: 42 }];
    store.set('accounts', [...bad, account('a.example'), account('b.example')]);
    const registry = new AccountRegistry(store);
    expect(registry.read()).toEqual({ accounts: [account('a.example'), account('b.example')], skipped: bad });

    registry.upsert(account('c.example'));
    registry.reorder(['c.example']);
    registry.remove('a.example');
    expect(store.get('accounts')).toEqual([account('c.example'), account('b.example'), ...bad]);
  });

  it('describes a skipped entry by its domain, or its JSON cut short', () => {
    expect(describeEntry(account('../../x'))).toBe('../../x');
    expect(describeEntry({ domain: 42 })).toBe('{"domain":42}');
    expect(describeEntry(null)).toBe('null');
    expect(describeEntry('x'.repeat(200))).toHaveLength(80);
  });
});

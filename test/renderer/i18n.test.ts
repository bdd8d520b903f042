import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ERROR_CODES } from '../../shared/app-error';
import { CASE_SORT_KEYS } from '../../shared/model/case-query';
import { CASE_STATE_VALUES, PRIORITY_VALUES } from '../../shared/model/case';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import {
  formatBytes,
  formatLanguageAndTimeZone,
  formatLanguageName,
  formatRelative,
  formatShortDate,
  formatTimeLeft,
  formatTimeZoneName,
  isSingular,
} from '../../renderer/i18n/format';
import { createI18n } from '../../renderer/i18n/create-i18n';
import { privilegeKey, privilegeName } from '../../renderer/i18n/privilege-name';
import { SIGN_IN_WAIT_MS } from '../../renderer/features/accounts/sign-in-progress';
import { DEFAULT_SIGN_IN_TIMEOUT_MS } from '../../main/core/accounts/loopback-redirect';
import { RESELLER_PRIVILEGES } from '../../main/google-wire/google-types';
import { DEMO_DOMAINS } from '../../main/emulator/seed/demo-accounts';
import { DEMO_RESELLER_DOMAINS } from '../../shared/demo-domains';
import { categoryLabel } from '../../renderer/features/case-list/case-labels';
import { resolveLanguage } from '../../shared/i18n/resolve-language';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const enKeys = flatten(en);
const frKeys = flatten(fr);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('catalogs', () => {
  it('fr and en have exactly the same keys, none empty', () => {
    expect([...frKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    for (const [key, text] of [...enKeys, ...frKeys]) expect(text.trim(), key).not.toBe('');
  });

  it('fr and en use the same placeholders in every string', () => {
    for (const [key, text] of enKeys) expect(placeholders(frKeys.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('word every error code, state, priority and column', () => {
    for (const code of APP_ERROR_CODES) {
      expect(enKeys.has(`errors.${code}.title`), code).toBe(true);
      expect(enKeys.has(`errors.${code}.remedy`), code).toBe(true);
    }
    for (const state of CASE_STATE_VALUES) expect(enKeys.has(`state.${state}`), state).toBe(true);
    for (const priority of PRIORITY_VALUES) expect(enKeys.has(`priority.${priority}`), priority).toBe(true);
    for (const key of CASE_SORT_KEYS) expect(enKeys.has(`cases.columns.${key}`), key).toBe(true);
  });

  it('has every literal key the renderer asks for', () => {
    const root = join(import.meta.dirname, '../../renderer');
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
      for (const match of readFileSync(file, 'utf8').matchAll(/'((?:cases|accounts)\.count\w+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) expect(enKeys.has(key), key).toBe(true);
  });

  it('leaves no user-visible text hard-coded in the components', () => {
    const root = join(import.meta.dirname, '../../renderer');
    const literalText = /(?<![=-])>\s*[A-Za-zÀ-ÿ][^<{}]*</g;
    const literalAttribute = /\b(aria-label|title|placeholder|label|alt)="[^"]*[A-Za-z]/g;
    for (const file of sourceFiles(root).filter((f) => f.endsWith('.tsx'))) {
      const source = readFileSync(file, 'utf8')
        // The logo's letter is decoration, hidden from assistive technology.
        .replace('<span className="brand-mark">P</span>', '');
      expect(source.match(literalText) ?? [], file).toEqual([]);
      expect(source.match(literalAttribute) ?? [], file).toEqual([]);
    }
  });

  it('names the missing privilege in the remedy', () => {
    expect(en.errors.missing_privilege.remedy).toContain('{{privilege}}');
    expect(fr.errors.missing_privilege.remedy).toContain('{{privilege}}');
    expect(fr.customers.noAccessRemedy).toContain('Modifier l’accès d’un revendeur');
  });
});

describe('language and formats', () => {
  it('follows the OS locale for "system", French or else English', () => {
    expect(resolveLanguage('system', 'fr-CA')).toBe('fr');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('system', undefined)).toBe('en');
    expect(resolveLanguage('fr', 'en-US')).toBe('fr');
  });

  it('words recent updates relatively, older ones as dates', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatRelative('2026-11-23T11:58:00Z', now, 'en')).toBe('2 min. ago');
    expect(formatRelative('2026-11-23T11:58:00Z', now, 'fr').replace(/\s/g, ' ')).toBe('il y a 2 min');
    expect(formatRelative('2026-11-22T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelative('2026-10-01T12:00:00Z', now, 'en')).toBe('Oct 1');
    expect(formatShortDate('2025-10-01T12:00:00Z', now, 'en')).toBe('Oct 1, 2025');
    expect(formatShortDate('2026-10-01T12:00:00Z', now, 'fr')).toBe('1 oct.');
    expect(formatRelative('not a date', now, 'en')).toBe('');
  });

  it('formats sizes and plural forms per language', () => {
    expect(formatBytes(1_482_113, 'en')).toBe('1.4 MB');
    expect(formatBytes(512, 'en')).toBe('512 bytes');
    expect(formatBytes(1, 'en')).toBe('1 byte');
    expect(formatBytes(302, 'fr').replace(/\s/g, ' ')).toBe('302 octets');
    expect(formatBytes(1_482_113, 'fr').replace(/\s/g, ' ')).toBe('1,4 Mo');
    expect(isSingular(0, 'fr')).toBe(true);
    expect(isSingular(0, 'en')).toBe(false);
    expect(isSingular(1, 'en')).toBe(true);
  });
});

describe('names instead of codes', () => {
  it("words a case's language and time zone, in the UI language", () => {
    expect(formatLanguageName('en', 'fr')).toBe('anglais');
    expect(formatLanguageName('fr', 'en')).toBe('French');
    expect(formatTimeZoneName('America/Los_Angeles', 'en')).toBe('Pacific Time (Los Angeles)');
    expect(formatTimeZoneName('Europe/Paris', 'fr')).toBe('heure d’Europe centrale (Paris)');
    expect(formatTimeZoneName('UTC', 'en')).toBe('Coordinated Universal Time');
    expect(formatLanguageAndTimeZone('en', 'America/Los_Angeles', 'en')).toBe('English · Pacific Time (Los Angeles)');
    expect(formatLanguageAndTimeZone('', '', 'en')).toBe('— · —');
  });

  it('shows what Intl does not know as it is', () => {
    expect(formatTimeZoneName('Mars/Olympus_Mons', 'en')).toBe('Mars/Olympus_Mons');
    expect(formatLanguageName('not a code', 'en')).toBe('not a code');
  });

  it('words the time a wait has left', () => {
    expect(formatTimeLeft(4 * 60_000 + 1, 'en')).toBe('5 minutes');
    expect(formatTimeLeft(61_000, 'fr').replace(/\s/g, ' ')).toBe('2 minutes');
    expect(formatTimeLeft(45_000, 'en')).toBe('45 seconds');
    expect(formatTimeLeft(1_000, 'fr').replace(/\s/g, ' ')).toBe('1 seconde');
    expect(formatTimeLeft(-5, 'en')).toBe('0 seconds');
  });

  it('names the privileges as Google does in English and as the seed does in French', () => {
    expect(Object.values(en.privileges)).toEqual([...RESELLER_PRIVILEGES]);
    expect(Object.values(fr.privileges)).toEqual([
      'Assistance',
      'Outils pour les revendeurs › Clients › Afficher les clients',
      'Outils pour les revendeurs › Clients › Accéder aux demandes d’assistance des clients',
    ]);
    const t = createI18n('fr').t;
    expect(RESELLER_PRIVILEGES.map((name) => privilegeName(t, name))).toEqual(Object.values(fr.privileges));
    expect(privilegeKey('Unknown privilege')).toBeUndefined();
  });

  it('quotes per language: « » with no-break spaces only in French, “ ” only in English', () => {
    for (const [key, text] of enKeys) expect(text, key).not.toMatch(/[«»]/);
    for (const [key, text] of frKeys) {
      expect(text, key).not.toMatch(/[“”]/);
      expect(text, key).not.toMatch(/«(?!\u00a0)|(?<!\u00a0)»/);
    }
  });

  it('names the demo domains the emulator seeds, and waits for sign-in as long as the core', () => {
    expect([...DEMO_RESELLER_DOMAINS]).toEqual(DEMO_DOMAINS.map((d) => d.domain));
    expect(SIGN_IN_WAIT_MS).toBe(DEFAULT_SIGN_IN_TIMEOUT_MS);
  });
});

describe('category label', () => {
  it('drops the product every category shares', () => {
    expect(categoryLabel('Google Workspace > Gmail > Delivery')).toBe('Gmail › Delivery');
    expect(categoryLabel('Billing')).toBe('Billing');
    expect(categoryLabel('')).toBe('');
  });
});

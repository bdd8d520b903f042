import { z } from 'zod';
import { caseLocaleSchema, type CaseLocale } from '../../../shared/model/case-actions';
import type { KeyValueStore } from '../ports';

const localesKey = (domain: string) => `caseLocales.${domain}`;
const storedLocalesSchema = z.record(z.string(), caseLocaleSchema);

/**
 * The language and time zone last used to file a case for each customer, one entry
 * per domain in the non-secret key-value store (as PreferencesStore keeps filters): the
 * New case step prefills them. What is read back is validated; an unreadable entry
 * counts as none.
 */
export class CaseLocaleStore {
  constructor(private readonly store: KeyValueStore) {}

  localeFor(domain: string, customerId: string): CaseLocale | null {
    return this.read(domain)[customerId] ?? null;
  }

  remember(domain: string, customerId: string, locale: CaseLocale): void {
    const locales = this.read(domain);
    const current = locales[customerId];
    if (current?.languageCode === locale.languageCode && current.timeZone === locale.timeZone) return;
    this.store.set(localesKey(domain), {
      ...locales,
      [customerId]: { languageCode: locale.languageCode, timeZone: locale.timeZone },
    });
  }

  forgetDomain(domain: string): void {
    this.store.delete(localesKey(domain));
  }

  private read(domain: string): Record<string, CaseLocale> {
    const parsed = storedLocalesSchema.safeParse(this.store.get<unknown>(localesKey(domain)));
    return parsed.success ? parsed.data : {};
  }
}

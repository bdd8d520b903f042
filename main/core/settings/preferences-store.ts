import { caseFiltersSchema, EMPTY_CASE_FILTERS, type CaseFilters } from '../../../shared/model/case-query';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/model/settings';
import type { KeyValueStore } from '../ports';

const SETTINGS_KEY = 'settings';
const filtersKey = (domain: string) => `filters.${domain}`;

/**
 * UI settings and per-domain list filters, kept in the non-secret key-value store.
 * What is read back is validated: a hand-edited or older store falls back to defaults
 * field by field instead of breaking the app.
 */
export class PreferencesStore {
  constructor(private readonly store: KeyValueStore) {}

  settings(): Settings {
    const stored = this.store.get<unknown>(SETTINGS_KEY);
    const parsed = settingsSchema.partial().safeParse(stored);
    const settings = { ...DEFAULT_SETTINGS };
    if (!parsed.success) return settings;
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value !== undefined) Object.assign(settings, { [key]: value });
    }
    return settings;
  }

  updateSettings(changes: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.settings(), ...stripUndefined(changes) });
    this.store.set(SETTINGS_KEY, next);
    return next;
  }

  filters(domain: string): CaseFilters {
    const parsed = caseFiltersSchema.safeParse(this.store.get<unknown>(filtersKey(domain)));
    return parsed.success ? parsed.data : { ...EMPTY_CASE_FILTERS };
  }

  setFilters(domain: string, filters: CaseFilters): void {
    this.store.set(filtersKey(domain), caseFiltersSchema.parse(filters));
  }

  forgetDomain(domain: string): void {
    this.store.delete(filtersKey(domain));
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

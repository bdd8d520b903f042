import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores } from '../../store/stores-context';
import { languageOptions, timeZoneOptions, withCurrent } from './locale-options';
import type { StepProps } from './step-props';

/** « Si nécessaire, modifiez la langue et le fuseau horaire », prefilled from the OS or this customer's last case. */
export function LocaleStep({ draft, problemId }: StepProps) {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const languageId = useId();
  const zoneId = useId();
  const sourceId = useId();
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const zones = useMemo(() => timeZoneOptions(i18n.language), [i18n.language]);
  const set = (locale: { languageCode?: string; timeZone?: string }) =>
    stores.newCase.getState().setLocale(draft.domain, locale);
  const describedBy = [sourceId, problemId].filter(Boolean).join(' ');
  return (
    <div className="form">
      <p className="muted">{t('newCase.locale.intro')}</p>
      <div className="field">
        <label htmlFor={languageId}>{t('newCase.locale.language')}</label>
        <select
          id={languageId}
          className="input"
          value={draft.languageCode}
          aria-describedby={describedBy}
          onChange={(e) => set({ languageCode: e.target.value })}
          data-testid="new-case-language"
        >
          {withCurrent(languages, draft.languageCode).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={zoneId}>{t('newCase.locale.timeZone')}</label>
        <select
          id={zoneId}
          className="input"
          value={draft.timeZone}
          aria-describedby={describedBy}
          onChange={(e) => set({ timeZone: e.target.value })}
          data-testid="new-case-time-zone"
        >
          {withCurrent(zones, draft.timeZone).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {draft.localeSource !== 'user' && (
        <p id={sourceId} className="muted nc-hint" data-testid="new-case-locale-source">
          {draft.localeSource === 'customer' ? t('newCase.locale.fromCustomer') : t('newCase.locale.fromSystem')}
        </p>
      )}
    </div>
  );
}

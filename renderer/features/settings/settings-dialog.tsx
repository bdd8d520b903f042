import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  languageSettingSchema,
  settingsSchema,
  type LanguageSetting,
  type Settings,
} from '../../../shared/model/settings';
import { resolveLanguage } from '../../../shared/i18n/resolve-language';
import { useSettings, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { ErrorState } from '../../ui/error-state';
import { DiagnosticsSettingsSection } from '../diagnostics/diagnostics-settings-section';
import { GoogleConnectionPane } from './google-connection-pane';
import { NotificationsPane } from './notifications-pane';

const THEMES = settingsSchema.shape.theme.options;

export function SettingsDialog() {
  const { t } = useTranslation();
  const stores = useStores();
  const settings = useSettings((s) => s.settings);
  const appInfo = useSettings((s) => s.appInfo);
  const error = useSettings((s) => s.error);
  const languageId = useId();
  const close = () => stores.ui.getState().closeDialog();
  const update = (change: Partial<Settings>) => void stores.settings.getState().update(change);
  const systemLanguage = resolveLanguage('system', appInfo?.systemLocale);

  return (
    <Dialog
      title={t('settings.title')}
      onClose={close}
      testId="settings-dialog"
      width={520}
      footer={<Button onClick={close}>{t('common.done')}</Button>}
    >
      <div className="form">
        <div className="field">
          <label htmlFor={languageId}>{t('settings.language')}</label>
          <select
            id={languageId}
            className="input"
            value={settings.language}
            onChange={(e) => update({ language: languageSettingSchema.parse(e.target.value) })}
            data-testid="language-select"
          >
            {languageSettingSchema.options.map((language: LanguageSetting) => (
              <option key={language} value={language}>
                {language === 'system'
                  ? t('settings.languageSystem', { language: t(`settings.languages.${systemLanguage}`) })
                  : t(`settings.languages.${language}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>{t('settings.theme')}</legend>
          <div className="segmented" role="radiogroup" aria-label={t('settings.theme')}>
            {THEMES.map((theme) => (
              <label key={theme} className={settings.theme === theme ? 'segment is-selected' : 'segment'}>
                <input
                  type="radio"
                  name="theme"
                  value={theme}
                  checked={settings.theme === theme}
                  onChange={() => update({ theme })}
                />
                {t(`settings.themes.${theme}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <NotificationsPane />
        <GoogleConnectionPane />
        <DiagnosticsSettingsSection />
        {error && <ErrorState error={error} compact />}
        {appInfo && (
          <p className="muted settings-about">
            {t('settings.about', { version: appInfo.version })} ·{' '}
            {appInfo.backend === 'demo' ? t('settings.backendDemo') : t('settings.backendGoogle')}
          </p>
        )}
      </div>
    </Dialog>
  );
}

import { useTranslation } from 'react-i18next';
import type { ApiErrorEntry } from '../../../shared/model/diagnostics';
import { useFormat } from '../../i18n/use-format';
import { describeError } from '../../ui/describe-error';
import { DiagnosticsSection } from './diagnostics-section';

/** The domain's last API errors (at most 20, newest first as the core keeps them): when, which call, why. */
export function RecentErrors({ errors, domain }: { errors: readonly ApiErrorEntry[]; domain: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DiagnosticsSection heading={t('diagnostics.recentErrors.heading')} testId="diagnostics-errors">
      {errors.length === 0 ? (
        <p className="muted">{t('diagnostics.recentErrors.none')}</p>
      ) : (
        <table className="diagnostics-errors">
          <thead>
            <tr>
              <th scope="col">{t('diagnostics.recentErrors.time')}</th>
              <th scope="col">{t('diagnostics.recentErrors.call')}</th>
              <th scope="col">{t('diagnostics.recentErrors.status')}</th>
              <th scope="col">{t('diagnostics.recentErrors.cause')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((entry, index) => (
              <tr key={`${entry.at}-${index}`} data-testid="diagnostics-error-row">
                <td>
                  <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                </td>
                <td>
                  <code>{entry.method}</code>
                </td>
                <td>
                  {entry.httpStatus === null
                    ? t('diagnostics.outcome.noAnswer')
                    : t('diagnostics.outcome.httpStatus', { status: entry.httpStatus })}
                </td>
                <td>
                  <span>{describeError(t, { code: entry.code, message: entry.message }, { domain }).title}</span>
                  <span className="diagnostics-error-message" lang="en">
                    {entry.message}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </DiagnosticsSection>
  );
}

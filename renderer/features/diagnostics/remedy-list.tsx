import { useTranslation } from 'react-i18next';
import {
  CUSTOM_ROLE_PRIVILEGE_KEYS,
  REMEDY_LINKS,
  remedyLinkLabelKey,
  remedyLinkUrl,
} from '../../../shared/diagnostics/remedy-links';
import type { UiLanguage } from '../../../shared/i18n/resolve-language';
import type { Remedy } from '../../../shared/model/diagnostics';
import { ExternalLink } from './external-link';

/** What to do about a refusal: the seed's remedies in the user's language, each with its pages. */
export function RemedyList({ remedies, domain }: { remedies: readonly Remedy[]; domain: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as UiLanguage;
  if (remedies.length === 0) return null;
  return (
    <div className="diagnostics-remedies" data-testid="diagnostics-remedies">
      <p className="diagnostics-remedies-heading">{t('diagnostics.remediesHeading')}</p>
      <ul className="diagnostics-remedy-list">
        {remedies.map((remedy) => (
          <li key={remedy} data-remedy={remedy}>
            <p>{t(`diagnostics.remedies.${remedy}`, { domain })}</p>
            {remedy === 'custom_role_privileges' && (
              <ul className="diagnostics-privileges">
                {CUSTOM_ROLE_PRIVILEGE_KEYS.map((key) => (
                  <li key={key}>{t(`privileges.${key}`)}</li>
                ))}
              </ul>
            )}
            {REMEDY_LINKS[remedy].length > 0 && (
              <ul className="diagnostics-links">
                {REMEDY_LINKS[remedy].map((link) => (
                  <li key={link.page}>
                    <ExternalLink href={remedyLinkUrl(link, language)} testId={`remedy-link-${link.page}`}>
                      {t(remedyLinkLabelKey(link))}
                    </ExternalLink>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icon';

/**
 * A link to a page of Google's (help, Admin console): target=_blank, which main's window
 * open handler hands to the guarded openExternal (main/electron/window-security.ts), so
 * only the URLs of shared/external-links.ts reach the system browser.
 */
export function ExternalLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  return (
    <a href={href} target="_blank" rel="noreferrer" className="external-link" data-testid={testId}>
      {children}
      <Icon name="arrowUp" size={12} className="external-link-icon" />
      <span className="visually-hidden"> {t('diagnostics.links.opensInBrowser')}</span>
    </a>
  );
}

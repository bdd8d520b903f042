import { useTranslation } from 'react-i18next';
import { caseDetailKey } from '../store/case-detail-store';
import { useCaseDetails } from '../store/stores-context';

/**
 * Says which case opened, for screen readers: the panel opens beside the list while the
 * focus stays on the list, so nothing else would tell them. Announced once its title is known.
 */
export function CaseAnnouncer({ domain, openName }: { domain: string; openName: string | null }) {
  const { t } = useTranslation();
  const title = useCaseDetails((s) =>
    openName ? s.details[caseDetailKey(domain, openName)]?.detail?.title : undefined,
  );
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="case-announcement">
      {title ? t('cases.opened', { title }) : ''}
    </div>
  );
}

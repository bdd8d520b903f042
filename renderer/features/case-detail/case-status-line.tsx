import { useTranslation } from 'react-i18next';
import { caseDetailKey } from '../../store/case-detail-store';
import { useCaseActions, useCaseDetails, useTransfers } from '../../store/stores-context';

/**
 * The case's polite live region: the latest action or transfer that succeeded, in words.
 * Failures are said by their own alert next to the control that failed.
 */
export function CaseStatusLine({ domain, name }: { domain: string; name: string }) {
  const { t } = useTranslation();
  const key = caseDetailKey(domain, name);
  const done = useCaseActions((s) => s.cases[key]?.done ?? null);
  const priority = useCaseDetails((s) => s.details[key]?.detail?.priority);
  const transfer = useTransfers((s) => {
    let latest = null;
    for (const t of s.transfers) {
      if (t.domain !== domain || t.caseName !== name || t.state !== 'done' || t.endedSeq === null) continue;
      if (!latest || (latest.endedSeq ?? 0) < t.endedSeq) latest = t;
    }
    return latest;
  });

  let message = '';
  if (transfer && (!done || done.seq < (transfer.endedSeq ?? 0))) {
    message =
      transfer.direction === 'upload'
        ? t('caseDetail.status.uploaded', { filename: transfer.filename })
        : t('caseDetail.status.saved', { filename: transfer.filename, path: transfer.savedTo ?? '' });
  } else if (done?.queued) {
    message = t('caseDetail.status.queued');
  } else if (done) {
    message = t(`caseDetail.status.${done.action}`, { priority: priority ? t(`priority.${priority}`) : '' });
  }
  return (
    <p className="case-status-line" role="status" aria-live="polite" data-testid="case-status">
      {message}
    </p>
  );
}

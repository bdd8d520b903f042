import { useTranslation } from 'react-i18next';
import type { ReopenWindow } from '../../../shared/model/reopen-window';
import { useFormat } from '../../i18n/use-format';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';

/** A closed case (rules.reopen): how many days a message can still reopen it, or the follow-up case once it cannot. */
export function ReopenNotice({ reopen, onFollowUp }: { reopen: ReopenWindow; onFollowUp: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (reopen.open) {
    const days = t(
      format.isSingular(reopen.daysLeft) ? 'caseDetail.reopen.daysLeftOne' : 'caseDetail.reopen.daysLeftOther',
      { n: format.count(reopen.daysLeft) },
    );
    return (
      <div className="reopen-notice" data-testid="reopen-notice" data-days-left={reopen.daysLeft}>
        <p>{days}</p>
        <p>{t('caseDetail.reopen.until', { date: format.dateTime(reopen.deadline) })}</p>
      </div>
    );
  }
  return (
    <Banner
      tone="info"
      testId="reopen-expired"
      actions={
        <Button size="sm" variant="primary" onClick={onFollowUp} data-testid="follow-up-case">
          {t('caseDetail.reopen.followUp')}
        </Button>
      }
    >
      <p>{t('caseDetail.reopen.expired')}</p>
      <p>{t('caseDetail.reopen.expiredRemedy')}</p>
    </Banner>
  );
}

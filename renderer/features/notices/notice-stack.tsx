import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { useNotices, useStores } from '../../store/stores-context';
import { Banner } from '../../ui/banner';
import { IconButton } from '../../ui/button';
import { noticeText } from './notice-text';

/**
 * What main had to tell once (a damaged file recovered, an account skipped), above every
 * tab until dismissed: it concerns the app, not one domain's view.
 */
export function NoticeStack() {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const notices = useNotices((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <section className="notice-stack" aria-label={t('notices.label')} data-testid="notices">
      {notices.map((notice) => (
        <Banner
          key={notice.id}
          tone="warning"
          testId={`notice-${notice.code}`}
          actions={
            <IconButton
              icon="close"
              size="sm"
              label={t('notices.dismiss')}
              onClick={() => void stores.notices.getState().dismiss(notice.id)}
              data-testid="dismiss-notice"
            />
          }
        >
          {noticeText(t, notice, format.isSingular)}
        </Banner>
      ))}
    </section>
  );
}

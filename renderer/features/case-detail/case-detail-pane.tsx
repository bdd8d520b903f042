import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/model/case';
import { useFormat } from '../../i18n/use-format';
import { caseDetailKey } from '../../store/case-detail-store';
import { useCaseDetails, useStores } from '../../store/stores-context';
import { Badge } from '../../ui/badge';
import { IconButton } from '../../ui/button';
import { ErrorState } from '../../ui/error-state';
import { Icon } from '../../ui/icon';
import { Spinner } from '../../ui/spinner';
import { useSignIn } from '../accounts/use-sign-in';
import { PRIORITY_TONE, STATE_TONE } from '../case-list/case-labels';
import { AttachmentList } from './attachment-list';
import { CaseHistory } from './case-history';

/** One case, read-only: shown from the cache at once, refreshed by case:changed. */
export function CaseDetailPane({ domain, name, email }: { domain: string; name: string; email: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  const signIn = useSignIn();
  const entry = useCaseDetails((s) => s.details[caseDetailKey(domain, name)]);

  useEffect(() => {
    void stores.caseDetails.getState().load(domain, name);
  }, [stores, domain, name]);

  const close = () => stores.ui.getState().openCaseIn(domain, null);

  return (
    <section
      className="detail-pane"
      aria-label={t('case.paneLabel')}
      data-testid="case-detail"
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <div className="detail-toolbar">
        <IconButton icon="close" label={t('case.close')} onClick={close} data-testid="close-case" />
        {entry?.loading && entry.detail && <Spinner size={12} label={t('case.refreshing')} />}
      </div>
      {/* Focusable so that the keyboard can scroll a long case. */}
      <div className="detail-scroll" tabIndex={0}>
        {entry?.detail ? (
          <CaseDetailContent detail={entry.detail} />
        ) : entry?.error ? (
          <ErrorState
            error={entry.error}
            domain={domain}
            onRetry={() => void stores.caseDetails.getState().load(domain, name)}
            onSignIn={() => void signIn(domain, email)}
          />
        ) : (
          <div className="center-fill">
            <Spinner label={t('case.loading')} />
          </div>
        )}
      </div>
    </section>
  );
}

function CaseDetailContent({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article className="detail">
      <header className="detail-header">
        <h2 className="detail-title" data-testid="case-title">
          {detail.title}
        </h2>
        <div className="detail-badges">
          <Badge tone={STATE_TONE[detail.state]}>{t(`state.${detail.state}`)}</Badge>
          <Badge tone={PRIORITY_TONE[detail.priority]}>{t(`priority.${detail.priority}`)}</Badge>
          {detail.escalated && (
            <Badge tone="danger">
              <Icon name="flag" size={11} /> {t('case.escalated')}
            </Badge>
          )}
          {detail.pending && <Badge tone="info">{t('cases.pending')}</Badge>}
        </div>
      </header>
      <dl className="detail-fields">
        <Field label={t('case.fields.customer')}>{detail.customerName}</Field>
        <Field label={t('case.fields.category')}>
          {detail.category
            .split('>')
            .map((part) => part.trim())
            .join(' › ')}
        </Field>
        <Field label={t('case.fields.created')}>
          <time dateTime={detail.createTime}>{format.dateTime(detail.createTime)}</time>
        </Field>
        <Field label={t('case.fields.updated')}>
          <time dateTime={detail.updateTime}>{format.dateTime(detail.updateTime)}</time>
        </Field>
        <Field label={t('case.fields.escalated')}>{detail.escalated ? t('common.yes') : t('common.no')}</Field>
        <Field label={t('case.fields.creator')}>{detail.creator.displayName || detail.creator.email || '—'}</Field>
        <Field label={t('case.fields.contact')}>{detail.contactEmail || '—'}</Field>
        <Field label={t('case.fields.language')}>
          {format.languageAndTimeZone(detail.languageCode, detail.timeZone)}
        </Field>
        <Field label={t('case.fields.subscribers')}>
          {detail.subscriberEmailAddresses.length ? (
            <ul className="subscribers">
              {detail.subscriberEmailAddresses.map((email) => (
                <li key={email}>{email}</li>
              ))}
            </ul>
          ) : (
            t('case.noSubscribers')
          )}
        </Field>
        <Field label={t('case.fields.id')}>
          <span className="mono">{detail.name.split('/').pop()}</span>
        </Field>
      </dl>
      <section className="detail-section">
        <h3>{t('case.description')}</h3>
        <div className="detail-description">{detail.description}</div>
      </section>
      <section className="detail-section">
        <h3>
          {t('case.history')} <span className="muted">{format.count(detail.comments.length)}</span>
        </h3>
        <CaseHistory comments={detail.comments} />
      </section>
      <section className="detail-section">
        <h3>
          {t('case.attachments')} <span className="muted">{format.count(detail.attachments.length)}</span>
        </h3>
        <AttachmentList attachments={detail.attachments} />
      </section>
    </article>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="detail-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

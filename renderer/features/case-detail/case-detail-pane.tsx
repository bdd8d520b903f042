import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/model/case';
import { useFormat } from '../../i18n/use-format';
import { caseActionRules } from '../../store/case-action-rules';
import { caseDetailKey, type CaseDetailView } from '../../store/case-detail-store';
import { startFollowUp } from '../../store/start-follow-up';
import { useCaseDetails, useCustomers, useStores, useUi } from '../../store/stores-context';
import { Badge } from '../../ui/badge';
import { describeError } from '../../ui/describe-error';
import { EmptyState } from '../../ui/empty-state';
import { IconButton } from '../../ui/button';
import { ErrorState } from '../../ui/error-state';
import { Icon } from '../../ui/icon';
import { Spinner } from '../../ui/spinner';
import { useNow } from '../../ui/use-now';
import { useSignIn } from '../accounts/use-sign-in';
import { PRIORITY_TONE, STATE_TONE } from '../case-list/case-labels';
import { AttachmentsSection } from './attachments-section';
import { CaseActionsBar } from './case-actions-bar';
import { CaseHistory } from './case-history';
import { CaseStatusLine } from './case-status-line';
import { MessageComposer } from './message-composer';
import { ReopenNotice } from './reopen-notice';
import { ShareEditor } from './share-editor';
import { useFileDrop } from './use-file-drop';

/**
 * One case, and the work done on it: shown from the cache at once, refreshed by
 * case:changed and by what each action returns. Files dropped anywhere on it are attached.
 */
export function CaseDetailPane({ domain, name, email }: { domain: string; name: string; email: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  const signIn = useSignIn();
  const entry = useCaseDetails((s) => s.details[caseDetailKey(domain, name)]);

  useEffect(() => {
    void stores.caseDetails.getState().load(domain, name);
  }, [stores, domain, name]);

  const close = () => stores.ui.getState().openCaseIn(domain, null);
  const canAttach = entry?.detail ? entry.detail.state !== 'CLOSED' : false;
  const drop = useFileDrop(domain, name, canAttach);

  return (
    <section
      className={drop.dragging ? 'detail-pane is-dragging' : 'detail-pane'}
      aria-label={t('case.paneLabel')}
      data-testid="case-detail"
      // Escape in one of the case's dialogs closes that dialog only.
      onKeyDown={(e) => e.key === 'Escape' && !(e.target as Element).closest('dialog') && close()}
      {...drop.handlers}
    >
      {drop.dragging && (
        <div className="drop-zone" data-testid="drop-zone" aria-hidden="true">
          <Icon name={canAttach ? 'paperclip' : 'warning'} size={28} />
          <p>{canAttach ? t('caseDetail.attachments.dropHere') : t('caseDetail.attachments.dropClosed')}</p>
        </div>
      )}
      <div className="detail-toolbar">
        <IconButton icon="close" label={t('case.close')} onClick={close} data-testid="close-case" />
        {entry?.loading && entry.detail && <Spinner size={12} label={t('case.refreshing')} />}
      </div>
      {/* Focusable so that the keyboard can scroll a long case. */}
      <div className="detail-scroll" tabIndex={0}>
        {entry?.detail ? (
          <>
            <SavedCopyNote domain={domain} entry={entry} />
            <CaseDetailContent domain={domain} detail={entry.detail} />
          </>
        ) : entry?.error?.code === 'offline' ? (
          <EmptyState icon="offline" title={t('case.notSavedTitle')} testId="case-not-saved">
            {t('case.notSavedOffline', { domain })}
          </EmptyState>
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

/** A case shown from the cache and not refreshed since it was opened says so, and why when the refresh failed. */
function SavedCopyNote({ domain, entry }: { domain: string; entry: CaseDetailView }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!entry.savedCopy) return null;
  const cause = entry.refreshError ? describeError(t, entry.refreshError, { domain }) : null;
  return (
    <p className="saved-copy-note" role="status" data-testid="saved-copy">
      <Icon name={entry.refreshError?.code === 'offline' ? 'offline' : 'info'} size={14} />{' '}
      {entry.savedAt ? t('case.savedCopy', { when: format.dateTime(entry.savedAt) }) : t('case.savedCopyUndated')}
      {cause && (
        <span className="saved-copy-failure" data-testid="refresh-failed" title={cause.remedy}>
          {' · '}
          {t('case.couldNotRefresh', { cause: cause.title })}
        </span>
      )}
    </p>
  );
}

function CaseDetailContent({ domain, detail }: { domain: string; detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const now = useNow();
  const title = useRef<HTMLHeadingElement>(null);
  const premiumSupport = useCustomers(
    (s) => s.lists[domain]?.customers?.find((c) => c.customerId === detail.customerId)?.premiumSupport ?? null,
  );
  const focusWanted = useUi((s) => s.caseFocusRequest?.domain === domain && s.caseFocusRequest.name === detail.name);
  useEffect(() => {
    if (!focusWanted) return;
    title.current?.focus();
    stores.ui.getState().caseFocusDone();
  }, [focusWanted, stores]);
  const rules = caseActionRules(detail, premiumSupport, now);
  const number = detail.name.split('/').pop() ?? '';
  const followUp = () =>
    startFollowUp(stores, domain, detail, {
      reference: t('caseDetail.reopen.followUpReference', {
        number,
        title: detail.title,
        date: format.date(detail.updateTime),
      }),
      originalHeading: t('caseDetail.reopen.followUpOriginal', { number }),
    });

  return (
    <article className="detail">
      <header className="detail-header">
        <h2 className="detail-title" data-testid="case-title" ref={title} tabIndex={-1}>
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
        <CaseActionsBar domain={domain} detail={detail} rules={rules} fallbackFocus={title} />
        {rules.reopen && <ReopenNotice reopen={rules.reopen} onFollowUp={followUp} />}
        <CaseStatusLine domain={domain} name={detail.name} />
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
        {rules.canSendMessage ? (
          <MessageComposer domain={domain} name={detail.name} reopens={rules.closed} />
        ) : (
          <p className="muted">{t('caseDetail.composer.closedExpired')}</p>
        )}
      </section>
      <AttachmentsSection domain={domain} detail={detail} canAttach={rules.canAttach} />
      <ShareEditor
        domain={domain}
        name={detail.name}
        subscribers={detail.subscriberEmailAddresses}
        editable={rules.canShare}
      />
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

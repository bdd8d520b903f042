import { useEffect, useId } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/app-error';
import type { OutboxItem, OutboxState as ItemState } from '../../../shared/model/outbox';
import type { AppStores } from '../../store/app-stores';
import { caseDetailKey } from '../../store/case-detail-store';
import { useCaseDetails, useOutbox, useStores } from '../../store/stores-context';
import { Badge, type BadgeTone } from '../../ui/badge';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { Dialog } from '../../ui/dialog';
import { ErrorState } from '../../ui/error-state';
import { Spinner } from '../../ui/spinner';
import { showFiledCase } from '../new-case/open-new-case';

const TONES: Record<ItemState, BadgeTone> = { queued: 'info', sending: 'accent', sent: 'success', failed: 'danger' };

/** What an item is, in a line: the new case's title, or the case it changes (its title when seen, else its number). */
function summary(t: TFunction, item: OutboxItem, caseTitle: string | undefined): string {
  const { submission } = item;
  if (submission.kind === 'new_case') return t('outbox.kinds.new_case', { title: submission.newCase.title });
  const label = caseTitle ?? submission.caseName.split('/').pop() ?? '';
  if (submission.kind === 'priority') {
    return t('outbox.kinds.priority', { case: label, priority: t(`priority.${submission.priority}`) });
  }
  return t(`outbox.kinds.${submission.kind}`, { case: label });
}

/** Back into its draft: a message returns to its case's composer, a new case to the New case flow where it was left. */
async function editItem(stores: AppStores, domain: string, id: string): Promise<void> {
  const draft = await stores.outbox.getState().edit(domain, id);
  if (!draft) return;
  const { content } = draft;
  if (content.kind === 'new_case') {
    stores.newCase.getState().resume(domain, draft);
    stores.ui.getState().showDialog({ kind: 'new-case', domain });
    return;
  }
  if (content.kind === 'comment') stores.caseActions.getState().resumeDraft(domain, draft);
  stores.ui.getState().closeDialog();
  stores.ui.getState().openCaseIn(domain, content.caseName);
}

/** A sent item's case opens, as a case filed from the New case flow does. */
function openResult(stores: AppStores, domain: string, item: OutboxItem): void {
  const caseName = item.result?.caseName;
  if (!caseName) return;
  if (item.submission.kind === 'new_case') {
    showFiledCase(stores, domain, { name: caseName, customerId: item.submission.newCase.customerId });
    return;
  }
  stores.ui.getState().closeDialog();
  stores.ui.getState().openCaseIn(domain, caseName);
}

/**
 * A domain's outbox: each submission with its state, why it waits or stopped, and what
 * the user can do about it (retry, edit, discard) until Google has it.
 */
export function OutboxDialog({ domain, queued }: { domain: string; queued: boolean }) {
  const { t } = useTranslation();
  const stores = useStores();
  const view = useOutbox((s) => s.lists[domain]);
  const close = () => stores.ui.getState().closeDialog();
  useEffect(() => {
    void stores.outbox.getState().load(domain);
  }, [stores, domain]);

  const items = view?.items ?? null;
  return (
    <Dialog
      title={t('outbox.title', { domain })}
      description={t('outbox.description')}
      onClose={close}
      width={640}
      testId="outbox-dialog"
      footer={<Button onClick={close}>{t('common.close')}</Button>}
    >
      {queued && (
        <Banner tone="info" testId="outbox-queued-notice">
          {t('outbox.queuedNotice', { domain })}
        </Banner>
      )}
      {view?.error && <ErrorState error={view.error} domain={domain} compact />}
      {items === null && !view?.error && <Spinner label={t('outbox.loading')} />}
      {items?.length === 0 && <p className="outbox-empty">{t('outbox.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="outbox-list" data-testid="outbox-list">
          {items.map((item) => (
            <OutboxEntry
              key={item.id}
              domain={domain}
              item={item}
              actionError={view?.actionError?.id === item.id ? view.actionError.error : null}
            />
          ))}
        </ul>
      )}
    </Dialog>
  );
}

function OutboxEntry({
  domain,
  item,
  actionError,
}: {
  domain: string;
  item: OutboxItem;
  actionError: AppErrorData | null;
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const whatId = useId();
  const caseName = item.submission.kind === 'new_case' ? null : item.submission.caseName;
  const caseTitle = useCaseDetails((s) =>
    caseName ? s.details[caseDetailKey(domain, caseName)]?.detail?.title : undefined,
  );
  const what = summary(t, item, caseTitle);
  const reason = item.error && describeError(t, item.error, { domain }).title;
  const open = item.state === 'queued' || item.state === 'failed';
  return (
    <li className="outbox-item" data-testid="outbox-item" data-state={item.state}>
      <div className="outbox-item-head">
        <span id={whatId} className="outbox-what">
          {what}
        </span>
        <Badge tone={TONES[item.state]}>{t(`outbox.states.${item.state}`)}</Badge>
      </div>
      {reason && item.state !== 'sent' && (
        <p className="outbox-reason" data-testid="outbox-reason">
          {t(item.state === 'failed' ? 'outbox.stopped' : 'outbox.waiting', { reason })}
        </p>
      )}
      <p className="outbox-reference mono">{t('outbox.reference', { reference: item.reference })}</p>
      {/* Each action names its item for screen readers: several items each have a Retry. */}
      {open && (
        <div className="outbox-actions">
          <Button
            size="sm"
            onClick={() => void stores.outbox.getState().retry(domain, item.id)}
            aria-describedby={whatId}
          >
            {t('outbox.retry')}
          </Button>
          {!item.result && (
            <Button size="sm" onClick={() => void editItem(stores, domain, item.id)} aria-describedby={whatId}>
              {t('outbox.edit')}
            </Button>
          )}
          <Button
            size="sm"
            variant="danger"
            onClick={() => void stores.outbox.getState().discard(domain, item.id)}
            aria-describedby={whatId}
          >
            {t('outbox.discard')}
          </Button>
        </div>
      )}
      {item.state === 'sent' && item.result && (
        <div className="outbox-actions">
          <Button size="sm" onClick={() => openResult(stores, domain, item)} aria-describedby={whatId}>
            {t('outbox.open')}
          </Button>
        </div>
      )}
      {actionError && <ErrorState error={actionError} domain={domain} compact />}
    </li>
  );
}

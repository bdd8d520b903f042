import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../../../shared/model/draft';
import { useFormat } from '../../i18n/use-format';
import { caseDetailKey } from '../../store/case-detail-store';
import { useCaseDetails, useDrafts, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { ErrorState } from '../../ui/error-state';
import { useNow } from '../../ui/use-now';

/** A domain's drafts: where each was left, resume, duplicate, discard (with undo). */
export function DraftsDialog({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  const list = useDrafts((s) => s.lists[domain]);
  const undoable = useDrafts((s) => (s.lastDiscarded?.domain === domain ? s.lastDiscarded : null));
  const failed = useDrafts((s) => s.failed);
  const close = () => stores.ui.getState().closeDialog();

  useEffect(() => {
    void stores.drafts.getState().load(domain);
  }, [stores, domain]);

  const resume = (draft: Draft) => {
    const content = draft.content;
    if (content.kind === 'new_case') {
      stores.newCase.getState().resume(domain, draft);
      stores.ui.getState().showDialog({ kind: 'new-case', domain });
      return;
    }
    if (content.kind === 'comment') stores.caseActions.getState().resumeDraft(domain, draft);
    stores.ui.getState().openCaseIn(domain, content.caseName);
    close();
  };

  return (
    <Dialog
      title={t('drafts.title', { domain })}
      description={t('drafts.description')}
      onClose={close}
      testId="drafts-dialog"
      width={560}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
    >
      {undoable && (
        <p className="drafts-undo" role="status" data-testid="drafts-undo">
          {t('drafts.discarded')}{' '}
          <Button
            size="sm"
            onClick={() => void stores.drafts.getState().undoDiscard()}
            data-testid="drafts-undo-button"
          >
            {t('drafts.undo')}
          </Button>
        </p>
      )}
      {failed && <ErrorState error={failed} domain={domain} compact />}
      {list?.error && <ErrorState error={list.error} domain={domain} compact />}
      {list && list.drafts.length === 0 && <p className="drafts-empty">{t('drafts.empty')}</p>}
      {list && list.drafts.length > 0 && (
        <ul className="drafts-list" aria-label={t('drafts.listLabel')} data-testid="drafts-list">
          {list.drafts.map((draft) => (
            <DraftItem key={draft.id} domain={domain} draft={draft} onResume={() => resume(draft)} />
          ))}
        </ul>
      )}
    </Dialog>
  );
}

function DraftItem({ domain, draft, onResume }: { domain: string; draft: Draft; onResume: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const now = useNow();
  const summaryId = useId();
  const content = draft.content;
  const caseName = content.kind === 'new_case' ? null : content.caseName;
  const caseTitle = useCaseDetails((s) =>
    caseName ? s.details[caseDetailKey(domain, caseName)]?.detail?.title : undefined,
  );
  const caseLabel = caseName ? (caseTitle ?? caseName.split('/').at(-1) ?? caseName) : '';

  let summary: string;
  let where: string;
  switch (content.kind) {
    case 'new_case':
      summary = content.title.trim() || t('drafts.untitledCase');
      where = t('drafts.whereNewCase', { step: t(`newCase.steps.${content.step}`) });
      break;
    case 'comment':
      summary = content.body.trim().split('\n')[0]?.slice(0, 120) || t('drafts.emptyMessage');
      where = t('drafts.whereMessage', { case: caseLabel });
      break;
    case 'priority':
      summary = t(`priority.${content.priority}`);
      where = t('drafts.wherePriority', { case: caseLabel });
      break;
    case 'share':
      summary = content.subscribersText;
      where = t('drafts.whereShare', { case: caseLabel });
      break;
  }
  const files = draft.files.length;

  return (
    <li className="draft-item" data-testid="draft-item" data-draft-id={draft.id} data-kind={content.kind}>
      <div className="draft-item-text">
        <strong id={summaryId} className="draft-item-summary">
          {summary}
        </strong>
        <span className="draft-item-where" data-testid="draft-where">
          {where}
        </span>
        <span className="draft-item-meta">
          {t('drafts.updated', { when: format.relative(draft.updatedAt, now) })}
          {files > 0 &&
            ` · ${t(format.isSingular(files) ? 'drafts.filesOne' : 'drafts.filesOther', { n: format.count(files) })}`}
        </span>
      </div>
      <div className="draft-item-actions">
        <Button size="sm" variant="primary" onClick={onResume} aria-describedby={summaryId} data-testid="draft-resume">
          {t('drafts.resume')}
        </Button>
        <Button
          size="sm"
          onClick={() => void stores.drafts.getState().duplicate(domain, draft.id)}
          aria-describedby={summaryId}
          data-testid="draft-duplicate"
        >
          {t('drafts.duplicate')}
        </Button>
        <Button
          size="sm"
          variant="danger"
          onClick={() => void discardDraft(stores, domain, draft)}
          aria-describedby={summaryId}
          data-testid="draft-discard"
        >
          {t('drafts.discard')}
        </Button>
      </div>
    </li>
  );
}

/** Discards from the list; the New case or composer showing it lets go of it too. */
async function discardDraft(stores: ReturnType<typeof useStores>, domain: string, draft: Draft): Promise<void> {
  stores.newCase.getState().dropDraft(domain, draft.id);
  stores.caseActions.getState().dropDraft(domain, draft.id);
  await stores.drafts.getState().discard(domain, draft.id);
}

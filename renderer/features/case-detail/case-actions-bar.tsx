import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/model/case';
import type { CaseActionRules } from '../../store/case-action-rules';
import { caseDetailKey } from '../../store/case-detail-store';
import { useCaseActions, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { ActionError } from './action-error';
import { CloseCaseDialog } from './close-case-dialog';
import { EscalateDialog } from './escalate-dialog';
import { PriorityDialog } from './priority-dialog';

type OpenDialog = 'priority' | 'close' | 'escalate' | null;

/**
 * Priority, escalation and closing. A control that does not apply says why instead of
 * disappearing; escalation stays focusable when refused so its reason is read out.
 */
export function CaseActionsBar({
  domain,
  detail,
  rules,
  fallbackFocus,
}: {
  domain: string;
  detail: CaseDetail;
  rules: CaseActionRules;
  /** Where focus goes when the control that opened a dialog is gone or disabled after it. */
  fallbackFocus: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const key = caseDetailKey(domain, detail.name);
  const view = useCaseActions((s) => s.cases[key]);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const refocus = useRef(false);
  const escalateReasonId = useId();
  const actions = stores.caseActions.getState();

  // Runs after the dialog unmounted (its own cleanup tried to give focus back to the opener).
  useEffect(() => {
    if (dialog !== null || !refocus.current) return;
    refocus.current = false;
    const target = opener.current;
    if (target?.isConnected && !target.disabled && target.getAttribute('aria-disabled') !== 'true') target.focus();
    else fallbackFocus.current?.focus();
  }, [dialog, fallbackFocus]);

  const open = (which: Exclude<OpenDialog, null>, button: HTMLButtonElement) => {
    opener.current = button;
    actions.dismissError(domain, detail.name);
    setDialog(which);
  };
  const finish = (accepted: boolean) => {
    if (!accepted) return;
    refocus.current = true;
    setDialog(null);
  };

  const busy = view?.busy ?? null;
  const failed = view?.failed && ['priority', 'close', 'escalate'].includes(view.failed.action) ? view.failed : null;
  const escalationBlock = rules.escalationBlock;
  // While a dialog is open the page behind it is inert: its failure shows inside the dialog.
  const dialogError = failed && (
    <ActionError
      what={t(`caseDetail.failedTitle.${failed.action}`)}
      error={failed.error}
      domain={domain}
      testId="dialog-action-error"
    />
  );

  return (
    <div className="case-actions" role="group" aria-label={t('caseDetail.actionsLabel')} data-testid="case-actions">
      <div className="case-actions-row">
        {rules.canChangePriority && (
          <Button
            size="sm"
            onClick={(event) => open('priority', event.currentTarget)}
            disabled={busy !== null}
            data-testid="change-priority"
          >
            {t('caseDetail.priority.change')}
          </Button>
        )}
        <Button
          size="sm"
          icon="flag"
          onClick={escalationBlock || busy ? undefined : (event) => open('escalate', event.currentTarget)}
          aria-disabled={escalationBlock !== null || busy !== null}
          aria-describedby={escalationBlock ? escalateReasonId : undefined}
          className={escalationBlock ? 'is-unavailable' : undefined}
          data-testid="escalate"
        >
          {t('caseDetail.escalate.button')}
        </Button>
        {rules.canClose && (
          <Button
            size="sm"
            onClick={(event) => open('close', event.currentTarget)}
            disabled={busy !== null}
            data-testid="close-case-action"
          >
            {t('caseDetail.close.button')}
          </Button>
        )}
      </div>
      {escalationBlock && (
        <p id={escalateReasonId} className="case-actions-hint" data-testid="escalate-unavailable">
          {t(`caseDetail.escalate.blocked.${escalationBlock}`)}
        </p>
      )}
      {rules.closed && <p className="case-actions-hint">{t('caseDetail.priority.closedHint')}</p>}
      {failed && dialog === null && (
        <ActionError
          what={t(`caseDetail.failedTitle.${failed.action}`)}
          error={failed.error}
          domain={domain}
          onDismiss={() => actions.dismissError(domain, detail.name)}
        />
      )}

      {dialog === 'priority' && (
        <PriorityDialog
          current={detail.priority}
          busy={busy === 'priority'}
          error={dialogError}
          onClose={() => setDialog(null)}
          onSubmit={(priority) => void actions.setPriority(domain, detail.name, priority).then(finish)}
        />
      )}
      {dialog === 'close' && (
        <CloseCaseDialog
          busy={busy === 'close'}
          error={dialogError}
          onClose={() => setDialog(null)}
          onConfirm={() => void actions.close(domain, detail.name).then(finish)}
        />
      )}
      {dialog === 'escalate' && (
        <EscalateDialog
          busy={busy === 'escalate'}
          error={dialogError}
          onClose={() => setDialog(null)}
          onSubmit={(reason, justification) =>
            void actions.escalate(domain, detail.name, reason, justification).then(finish)
          }
        />
      )}
    </div>
  );
}

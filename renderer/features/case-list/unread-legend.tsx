import { useTranslation } from 'react-i18next';
import { hasUnreadRows } from '../../store/read-marks-store';
import type { QueryWindow } from '../../store/query-window';
import { useReadMarks, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';

/**
 * Under the list's header while the view has unread cases: what the bold rows and their
 * dot mean, and "Mark all read" for this view (its customer or My cases, its filters).
 */
export function UnreadLegend({ domain, queryWindow }: { domain: string; queryWindow: QueryWindow | null }) {
  const { t } = useTranslation();
  const stores = useStores();
  const marking = useReadMarks((s) => s.marking[domain] ?? false);
  const error = useReadMarks((s) => s.errors[domain] ?? null);
  if (!hasUnreadRows(queryWindow) && !error) return null;

  const markAll = async (button: HTMLButtonElement) => {
    const grid = button.closest('.case-list')?.querySelector<HTMLElement>('[role="grid"]');
    await stores.readMarks.getState().markAllRead(domain);
    // The legend goes with the last unread row: the focus goes to the list rather than to nowhere.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) grid?.focus();
    });
  };

  return (
    <div className="unread-legend" data-testid="unread-legend">
      <span className="unread-legend-text">
        <span className="unread-dot" aria-hidden="true" />
        {t('unread.legend')}
      </span>
      <Button
        size="sm"
        variant="ghost"
        icon="check"
        title={t('unread.markAllReadHint')}
        disabled={marking || !hasUnreadRows(queryWindow)}
        onClick={(event) => void markAll(event.currentTarget)}
        data-testid="mark-all-read"
      >
        {t('unread.markAllRead')}
      </Button>
      {error && (
        <span className="field-error" role="alert" data-testid="mark-all-read-error">
          {t('unread.markAllReadFailed')}
        </span>
      )}
    </div>
  );
}

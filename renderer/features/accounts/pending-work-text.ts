import type { TFunction } from 'i18next';
import type { PendingWork } from '../../store/pending-work';

/**
 * The warning of the sign-out dialog: what will be deleted, counted ("3 drafts and 1
 * message waiting to be sent will be deleted."), a general warning when it could not be
 * checked, or null when there is nothing unsent.
 */
export function pendingWorkText(
  t: TFunction,
  work: PendingWork,
  isSingular: (count: number) => boolean,
): string | null {
  if (work.drafts === null || work.queued === null) return t('accounts.signOutLossUnknown');
  const drafts =
    work.drafts > 0
      ? t(isSingular(work.drafts) ? 'accounts.signOutDraftsOne' : 'accounts.signOutDraftsOther', { n: work.drafts })
      : null;
  const queued =
    work.queued > 0
      ? t(isSingular(work.queued) ? 'accounts.signOutQueuedOne' : 'accounts.signOutQueuedOther', { n: work.queued })
      : null;
  if (drafts && queued) return t('accounts.signOutLossBoth', { drafts, queued });
  const only = drafts ?? queued;
  if (!only) return null;
  const count = (drafts ? work.drafts : work.queued) as number;
  return t(isSingular(count) ? 'accounts.signOutLossOne' : 'accounts.signOutLossOther', { what: only });
}

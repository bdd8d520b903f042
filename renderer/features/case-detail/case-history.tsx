import { useTranslation } from 'react-i18next';
import type { CaseComment } from '../../../shared/model/case';
import { useFormat } from '../../i18n/use-format';
import { Badge } from '../../ui/badge';

/** The case's messages, oldest first so the newest is last; Google support's are marked. */
export function CaseHistory({ comments }: { comments: readonly CaseComment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ordered = [...comments].sort((a, b) => a.createTime.localeCompare(b.createTime));
  if (ordered.length === 0) return <p className="muted">{t('case.noComments')}</p>;
  return (
    <ol className="history" data-testid="case-history">
      {ordered.map((comment) => (
        <li
          key={comment.name}
          className={comment.creator.googleSupport ? 'comment is-google' : 'comment'}
          data-testid="case-comment"
          data-google-support={comment.creator.googleSupport}
        >
          <div className="comment-head">
            <span className="avatar" aria-hidden="true">
              {initials(comment.creator.displayName)}
            </span>
            <span className="comment-author" title={comment.creator.displayName || comment.creator.email}>
              {comment.creator.displayName || comment.creator.email}
            </span>
            {comment.creator.googleSupport && <Badge tone="accent">{t('case.googleSupport')}</Badge>}
            <time className="comment-time muted" dateTime={comment.createTime}>
              {format.dateTime(comment.createTime)}
            </time>
          </div>
          <div className="comment-body">{comment.body}</div>
        </li>
      ))}
    </ol>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

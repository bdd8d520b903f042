import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

export function EmptyState({
  icon = 'inbox',
  title,
  children,
  actions,
  testId,
  headingLevel = 2,
}: {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
  /** 1 when the empty state is the whole page (the welcome screen). */
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-state-icon">
        <Icon name={icon} size={22} />
      </div>
      <Heading className="empty-state-title">{title}</Heading>
      {children && <div className="empty-state-body">{children}</div>}
      {actions && <div className="empty-state-actions">{actions}</div>}
    </div>
  );
}

import type { ReactNode } from 'react';
import { Icon } from './icon';

export function Banner({
  tone,
  children,
  actions,
  testId,
}: {
  tone: 'warning' | 'info';
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      <Icon name={tone === 'warning' ? 'warning' : 'info'} />
      <div className="banner-text">{children}</div>
      {actions && <div className="banner-actions">{actions}</div>}
    </div>
  );
}

import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'info';

export function Badge({
  tone = 'neutral',
  children,
  label,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  label?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} aria-label={label} title={label}>
      {children}
    </span>
  );
}

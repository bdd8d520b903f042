import type { CaseState, Priority } from '../../../shared/model/case';
import type { BadgeTone } from '../../ui/badge';

/** How each state and priority is coloured: UI-only. */
export const STATE_TONE: Record<CaseState, BadgeTone> = {
  NEW: 'info',
  IN_PROGRESS_GOOGLE_SUPPORT: 'neutral',
  ACTION_REQUIRED: 'warning',
  SOLUTION_PROVIDED: 'success',
  CLOSED: 'neutral',
};

export const PRIORITY_TONE: Record<Priority, BadgeTone> = {
  P0: 'danger',
  P1: 'danger',
  P2: 'warning',
  P3: 'neutral',
  P4: 'neutral',
};

/** Every category sits under the one product, "Google Workspace > …": the list shows what follows it. */
export function categoryLabel(category: string): string {
  const parts = category
    .split('>')
    .map((part) => part.trim())
    .filter(Boolean);
  return (parts.length > 1 ? parts.slice(1) : parts).join(' › ');
}

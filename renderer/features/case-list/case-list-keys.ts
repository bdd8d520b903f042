/** What a key pressed on the case list does. */
export type ListKeyAction = { kind: 'move'; to: number; open: boolean } | { kind: 'close' } | null;

/**
 * The list's keys, as in a mail client: arrows, Page Up/Down, Home and End move the active
 * row — and, while a case is open, open the case they land on; Enter or Space opens the
 * active row; Escape closes the open case. `page` is how many rows a page moves.
 */
export function listKeyAction(
  key: string,
  state: { active: number; total: number; page: number; caseOpen: boolean },
): ListKeyAction {
  const { active, total, page, caseOpen } = state;
  if (key === 'Escape') return caseOpen ? { kind: 'close' } : null;
  if (total === 0) return null;
  const clamp = (index: number) => Math.min(Math.max(index, 0), total - 1);
  const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
  let to: number;
  if (key in steps) to = clamp(active + (steps[key] ?? 0));
  else if (key === 'Home') to = 0;
  else if (key === 'End') to = total - 1;
  else if (key === 'Enter' || key === ' ') return { kind: 'move', to: clamp(active), open: true };
  else return null;
  return { kind: 'move', to, open: caseOpen };
}

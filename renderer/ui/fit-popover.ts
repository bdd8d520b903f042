/** Where a popover opening under its button goes so that all of it stays in the window. */
export interface PopoverPlacement {
  /** Horizontal shift from the button's left edge (negative: towards the left). */
  offsetX: number;
  /** Opens above the button: there is more room there and not enough below. */
  above: boolean;
  /** Set when the popover must scroll to fit the room it has. */
  maxHeight: number | undefined;
}

/** Space kept between a popover and the window's edges, and between it and its button. */
export const POPOVER_MARGIN_PX = 8;
export const POPOVER_GAP_PX = 4;

export function fitPopover(
  anchor: { left: number; top: number; bottom: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): PopoverPlacement {
  const m = POPOVER_MARGIN_PX;
  // Past the right edge: shift left, but never past the left edge (a window narrower than the menu keeps its start).
  const offsetX = Math.max(m - anchor.left, Math.min(0, viewport.width - m - anchor.left - size.width));
  const below = viewport.height - m - (anchor.bottom + POPOVER_GAP_PX);
  const aboveRoom = anchor.top - POPOVER_GAP_PX - m;
  if (size.height <= below) return { offsetX, above: false, maxHeight: undefined };
  if (aboveRoom > below) {
    return { offsetX, above: true, maxHeight: size.height <= aboveRoom ? undefined : Math.max(0, aboveRoom) };
  }
  return { offsetX, above: false, maxHeight: Math.max(0, below) };
}

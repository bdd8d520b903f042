import { describe, expect, it } from 'vitest';
import { fitPopover, POPOVER_GAP_PX, POPOVER_MARGIN_PX } from '../../renderer/ui/fit-popover';

const menu = { width: 220, height: 200 };

describe('popover placement', () => {
  it('opens under its button, left-aligned, when it fits', () => {
    expect(fitPopover({ left: 100, top: 80, bottom: 110 }, menu, { width: 1400, height: 900 })).toEqual({
      offsetX: 0,
      above: false,
      maxHeight: undefined,
    });
  });

  it('shifts left to stay in a narrow window (200 % zoom), never past its left edge', () => {
    const placed = fitPopover({ left: 600, top: 80, bottom: 110 }, menu, { width: 700, height: 450 });
    expect(600 + placed.offsetX + menu.width).toBe(700 - POPOVER_MARGIN_PX);
    const tiny = fitPopover({ left: 50, top: 80, bottom: 110 }, menu, { width: 200, height: 450 });
    expect(50 + tiny.offsetX).toBe(POPOVER_MARGIN_PX);
  });

  it('opens above when there is more room there, and scrolls when neither side holds it', () => {
    const above = fitPopover({ left: 10, top: 380, bottom: 410 }, menu, { width: 700, height: 450 });
    expect(above).toMatchObject({ above: true, maxHeight: undefined });
    const squeezed = fitPopover({ left: 10, top: 100, bottom: 130 }, menu, { width: 700, height: 250 });
    expect(squeezed.above).toBe(false);
    expect(squeezed.maxHeight).toBe(250 - POPOVER_MARGIN_PX - 130 - POPOVER_GAP_PX);
  });
});

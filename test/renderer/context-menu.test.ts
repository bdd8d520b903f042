import { describe, expect, it } from 'vitest';
import type { KeyboardEvent, MouseEvent } from 'react';
import { menuAnchorFrom } from '../../renderer/ui/context-menu';

const element = { getBoundingClientRect: () => ({ left: 40, bottom: 32 }) } as unknown as HTMLElement;
const key = (k: string, shiftKey = false) =>
  ({ key: k, shiftKey, type: 'keydown', currentTarget: element }) as unknown as KeyboardEvent<HTMLElement>;
const click = (clientX: number, clientY: number) =>
  ({ clientX, clientY, type: 'contextmenu', currentTarget: element }) as unknown as MouseEvent<HTMLElement>;

describe('where a tab’s or a customer’s menu opens', () => {
  it('opens at the pointer on a right-click, under the element from the keyboard', () => {
    expect(menuAnchorFrom(click(300, 12))).toEqual({ x: 300, y: 12, returnFocus: element });
    expect(menuAnchorFrom(key('F10', true))).toEqual({ x: 40, y: 32, returnFocus: element });
    expect(menuAnchorFrom(key('ContextMenu'))).toEqual({ x: 40, y: 32, returnFocus: element });
    // The ContextMenu key's own contextmenu event comes at 0,0 in some browsers.
    expect(menuAnchorFrom(click(0, 0))).toEqual({ x: 40, y: 32, returnFocus: element });
  });

  it('ignores every other key, F10 alone included', () => {
    for (const other of [key('F10'), key('Enter'), key('ArrowRight', true), key('m')]) {
      expect(menuAnchorFrom(other)).toBeNull();
    }
  });
});

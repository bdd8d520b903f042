import { describe, expect, it } from 'vitest';
import { listKeyAction } from '../../renderer/features/case-list/case-list-keys';

const at = (active: number, caseOpen: boolean) => ({ active, total: 10, page: 4, caseOpen });

describe('case list keys', () => {
  it('moves the active row without opening while no case is open', () => {
    expect(listKeyAction('ArrowDown', at(2, false))).toEqual({ kind: 'move', to: 3, open: false });
    expect(listKeyAction('PageUp', at(2, false))).toEqual({ kind: 'move', to: 0, open: false });
    expect(listKeyAction('End', at(2, false))).toEqual({ kind: 'move', to: 9, open: false });
  });

  it('opens the case it moves to while one is open, as a mail client does', () => {
    expect(listKeyAction('ArrowDown', at(2, true))).toEqual({ kind: 'move', to: 3, open: true });
    expect(listKeyAction('ArrowUp', at(2, true))).toEqual({ kind: 'move', to: 1, open: true });
    expect(listKeyAction('PageDown', at(8, true))).toEqual({ kind: 'move', to: 9, open: true });
    expect(listKeyAction('Home', at(5, true))).toEqual({ kind: 'move', to: 0, open: true });
  });

  it('stays within the list at its ends', () => {
    expect(listKeyAction('ArrowUp', at(0, true))).toEqual({ kind: 'move', to: 0, open: true });
    expect(listKeyAction('ArrowDown', at(9, false))).toEqual({ kind: 'move', to: 9, open: false });
  });

  it('opens the active row on Enter or Space; Escape closes the open case only', () => {
    expect(listKeyAction('Enter', at(4, false))).toEqual({ kind: 'move', to: 4, open: true });
    expect(listKeyAction(' ', at(4, true))).toEqual({ kind: 'move', to: 4, open: true });
    expect(listKeyAction('Escape', at(4, true))).toEqual({ kind: 'close' });
    expect(listKeyAction('Escape', at(4, false))).toBeNull();
  });

  it('leaves other keys, and an empty list, alone', () => {
    expect(listKeyAction('a', at(4, true))).toBeNull();
    expect(listKeyAction('Tab', at(4, true))).toBeNull();
    expect(listKeyAction('ArrowDown', { active: 0, total: 0, page: 4, caseOpen: false })).toBeNull();
  });
});

import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Icon, type IconName } from './icon';

export interface MenuItem {
  label: string;
  icon?: IconName;
  onSelect(): void;
  testId?: string;
}

/** Where a menu opens: at the pointer (right-click) or under the element it belongs to (keyboard). */
export interface MenuAnchor {
  x: number;
  y: number;
  /** Focus goes back there when the menu closes. */
  returnFocus: HTMLElement | null;
}

/**
 * Right-click, or Shift+F10 / the ContextMenu key on the element (handle both
 * onContextMenu and onKeyDown): where its menu opens, or null for any other key.
 */
export function menuAnchorFrom(event: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>): MenuAnchor | null {
  const element = event.currentTarget;
  if ('key' in event) {
    if (!((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu')) return null;
  } else if (event.clientX !== 0 || event.clientY !== 0) {
    return { x: event.clientX, y: event.clientY, returnFocus: element };
  }
  // From the keyboard (a contextmenu event at 0,0 is one too): under the element.
  const box = element.getBoundingClientRect();
  return { x: box.left, y: box.bottom, returnFocus: element };
}

/** Margin kept between the menu and the window's edges. */
const EDGE_PX = 8;

/**
 * A small menu (role=menu) at a point: the first item focused, arrows and Home/End move,
 * Enter/Space choose, Escape, Tab or a click elsewhere close it, and the focus goes back
 * to where it was opened from.
 */
export function ContextMenu({
  anchor,
  label,
  items,
  onClose,
  testId,
}: {
  anchor: MenuAnchor;
  label: string;
  items: readonly MenuItem[];
  onClose(): void;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: anchor.x, top: anchor.y });
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    setPosition({
      left: Math.max(EDGE_PX, Math.min(anchor.x, window.innerWidth - EDGE_PX - width)),
      top: Math.max(EDGE_PX, Math.min(anchor.y, window.innerHeight - EDGE_PX - height)),
    });
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [anchor]);

  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onCloseRef.current();
    };
    const blur = () => onCloseRef.current();
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('blur', blur);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('blur', blur);
    };
  }, []);

  const close = (refocus: boolean) => {
    onClose();
    if (refocus) anchor.returnFocus?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    let target: HTMLElement | undefined;
    if (event.key === 'ArrowDown') target = entries[(at + 1) % entries.length];
    else if (event.key === 'ArrowUp') target = entries[(at - 1 + entries.length) % entries.length];
    else if (event.key === 'Home') target = entries[0];
    else if (event.key === 'End') target = entries[entries.length - 1];
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="context-menu"
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="context-menu-item"
          onClick={() => {
            close(true);
            item.onSelect();
          }}
          data-testid={item.testId}
        >
          {item.icon && <Icon name={item.icon} size={14} />}
          {item.label}
        </button>
      ))}
    </div>
  );
}

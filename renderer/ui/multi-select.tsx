import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { fitPopover, type PopoverPlacement } from './fit-popover';
import { Icon } from './icon';

export interface MultiSelectOption<V extends string> {
  value: V;
  label: string;
}

/**
 * A filter button that opens a list of checkboxes. The button's accessible name is the
 * label; it shows how many values are picked. Escape or a click outside closes it.
 */
export function MultiSelect<V extends string>({
  label,
  options,
  selected,
  onChange,
  testId,
  clearLabel,
}: {
  label: string;
  options: readonly MultiSelectOption<V>[];
  selected: readonly V[];
  onChange: (values: V[]) => void;
  testId?: string;
  clearLabel: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  // Measured before the first paint: at 200 % zoom or near the window's edge the menu moves or scrolls to fit.
  const [placement, setPlacement] = useState<PopoverPlacement | null>(null);

  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const anchor = button.current?.getBoundingClientRect();
      const element = panel.current;
      if (!anchor || !element) return;
      // Its natural size, before any placement limited it.
      element.style.maxHeight = 'none';
      const size = { width: element.offsetWidth, height: element.scrollHeight };
      element.style.maxHeight = '';
      setPlacement(fitPopover(anchor, size, { width: window.innerWidth, height: window.innerHeight }));
    };
    place();
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('resize', place);
      setPlacement(null);
    };
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  // Once placed: an element still invisible cannot take the focus.
  const placed = placement !== null;
  useEffect(() => {
    if (open && placed) root.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [open, placed]);

  const toggle = (value: V) =>
    onChange(
      selected.includes(value)
        ? selected.filter((v) => v !== value)
        : options.map((o) => o.value).filter((v) => v === value || selected.includes(v)),
    );

  return (
    <div
      className="multi-select"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={
          selected.length
            ? 'btn btn-secondary btn-md filter-button is-active'
            : 'btn btn-secondary btn-md filter-button'
        }
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        <span>{label}</span>
        {selected.length > 0 && (
          <span className="filter-count" aria-hidden="true">
            {selected.length}
          </span>
        )}
        <Icon name="chevronDown" size={14} />
      </button>
      {open && (
        <div
          ref={panel}
          className="popover"
          id={panelId}
          role="group"
          aria-label={label}
          style={popoverStyle(placement)}
        >
          {options.map((option) => (
            <label key={option.value} className="popover-option">
              <input type="checkbox" checked={selected.includes(option.value)} onChange={() => toggle(option.value)} />
              <span>{option.label}</span>
            </label>
          ))}
          {selected.length > 0 && (
            <button type="button" className="popover-clear" onClick={() => onChange([])}>
              {clearLabel}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function popoverStyle(placement: PopoverPlacement | null): CSSProperties {
  // Not placed yet (the first layout, measured before paint): kept invisible.
  if (!placement) return { visibility: 'hidden' };
  return {
    left: placement.offsetX,
    ...(placement.above ? { top: 'auto', bottom: 'calc(100% + 4px)' } : {}),
    ...(placement.maxHeight !== undefined ? { maxHeight: placement.maxHeight, overflowY: 'auto' } : {}),
  };
}

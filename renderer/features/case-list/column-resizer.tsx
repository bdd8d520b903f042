import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MAX_COLUMN_WIDTH_PX, MIN_COLUMN_WIDTH_PX } from './case-list-layout';

/** Pixels an arrow key widens or narrows a column by (Shift: a larger step). */
const KEY_STEP_PX = 16;
const KEY_STEP_LARGE_PX = 64;

/**
 * The right edge of a column header: dragged with the pointer, or focused and moved with
 * Left/Right arrows (a window splitter, as ARIA describes it).
 */
export function ColumnResizer({
  label,
  width,
  onResize,
}: {
  label: string;
  width: number;
  onResize: (delta: number) => void;
}) {
  const lastX = useRef<number | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    lastX.current = event.clientX;
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (lastX.current === null) return;
    const delta = event.clientX - lastX.current;
    if (delta === 0) return;
    lastX.current = event.clientX;
    onResize(delta);
  };
  const onPointerUp = () => {
    lastX.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? KEY_STEP_LARGE_PX : KEY_STEP_PX;
    if (event.key === 'ArrowRight') onResize(step);
    else if (event.key === 'ArrowLeft') onResize(-step);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={MIN_COLUMN_WIDTH_PX}
      aria-valuemax={MAX_COLUMN_WIDTH_PX}
      tabIndex={0}
      className="column-resizer"
      title={label}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={onKeyDown}
      data-testid="column-resizer"
    />
  );
}

import { useCallback, useState } from 'react';
import type { CaseSort } from '../../../shared/model/case-query';
import { parseColumnWidths, resizeColumn, type ColumnWidths } from './case-list-layout';

/** UI-only, like a window's size: kept by the renderer, the same for every domain. */
const STORAGE_KEY = 'partner-desk.case-column-widths';

function load(): ColumnWidths {
  try {
    return parseColumnWidths(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseColumnWidths(null);
  }
}

/** The case list's column widths, resized by the user and remembered across restarts. */
export function useColumnWidths(): [ColumnWidths, (key: CaseSort['key'], delta: number) => void] {
  const [widths, setWidths] = useState(load);
  const resize = useCallback((key: CaseSort['key'], delta: number) => {
    setWidths((previous) => {
      const next = resizeColumn(previous, key, delta);
      if (next !== previous) {
        try {
          window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        } catch {
          // Storage full or disabled: the widths hold for this session.
        }
      }
      return next;
    });
  }, []);
  return [widths, resize];
}

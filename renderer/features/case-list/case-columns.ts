import type { CaseSort } from '../../../shared/model/case-query';

/** The list's columns, in order; `key` is also the sort key the core understands. */
export const CASE_COLUMNS: readonly { key: CaseSort['key']; className: string }[] = [
  { key: 'title', className: 'col-title' },
  { key: 'customerName', className: 'col-customer' },
  { key: 'state', className: 'col-state' },
  { key: 'priority', className: 'col-priority' },
  { key: 'category', className: 'col-category' },
  { key: 'updateTime', className: 'col-updated' },
  { key: 'createTime', className: 'col-created' },
];

export const CASE_ROW_HEIGHT = 36;
export const CASE_HEADER_HEIGHT = 34;

import type { CaseSummary } from '../../shared/model/case';
import type { CaseQueryResult, CaseRow } from '../../shared/model/case-query';

export function makeCase(index: number, overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    name: `organizations/1/cases/${1000 + index}`,
    domain: 'northwind-reseller.example',
    customerId: 'C01',
    customerName: 'Acme',
    title: `Case ${index}`,
    state: 'NEW',
    priority: 'P3',
    category: 'Gmail',
    createTime: '2026-11-01T10:00:00Z',
    updateTime: '2026-11-02T10:00:00Z',
    escalated: false,
    pending: false,
    ...overrides,
  };
}

/** The answer cases:query gives for rows [offset, offset+limit) of `total` cases. */
export function makeResult(
  offset: number,
  limit: number,
  total: number,
  title = (i: number) => `Case ${i}`,
): CaseQueryResult {
  const rows: CaseRow[] = [];
  for (let i = offset; i < Math.min(offset + limit, total); i++)
    rows.push({ ...makeCase(i, { title: title(i) }), unread: false });
  return { total, offset, rows, unreadTotal: 0, syncedAt: '2026-11-23T10:00:00Z' };
}

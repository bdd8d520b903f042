import { z } from 'zod';
import { CASE_STATE_VALUES, caseStateSchema, caseSummarySchema, PRIORITY_VALUES, prioritySchema } from './case';

export const CASE_SORT_KEYS = [
  'title',
  'customerName',
  'state',
  'priority',
  'category',
  'updateTime',
  'createTime',
] as const;
export const caseSortSchema = z.object({
  key: z.enum(CASE_SORT_KEYS),
  direction: z.enum(['asc', 'desc']),
});
export type CaseSort = z.infer<typeof caseSortSchema>;
export const DEFAULT_CASE_SORT: CaseSort = { key: 'updateTime', direction: 'desc' };

/** The list filters a user sets; remembered per domain. */
export const caseFiltersSchema = z.object({
  keyword: z.string().max(500),
  states: z.array(caseStateSchema).max(CASE_STATE_VALUES.length),
  priorities: z.array(prioritySchema).max(PRIORITY_VALUES.length),
});
export type CaseFilters = z.infer<typeof caseFiltersSchema>;
export const EMPTY_CASE_FILTERS: CaseFilters = { keyword: '', states: [], priorities: [] };

export const caseQuerySchema = z.object({
  domain: z.string().max(253),
  /** Absent: "My cases" (every customer of the domain). Bounded like every customer id the contract takes. */
  customerId: z.string().min(1).max(100).optional(),
  filters: caseFiltersSchema,
  sort: caseSortSchema,
  /** A window of the sorted, filtered rows: the list is virtualized. */
  offset: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(1000),
});
export type CaseQuery = z.infer<typeof caseQuerySchema>;

/** A row of a case list: the case's list columns, and whether Google changed it since the user last opened it. */
export const caseRowSchema = caseSummarySchema.extend({ unread: z.boolean() });
export type CaseRow = z.infer<typeof caseRowSchema>;

export const caseQueryResultSchema = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(caseRowSchema),
  /** Unread cases among all `total` rows of the view (not only this window's), for "mark all read". */
  unreadTotal: z.number().int().nonnegative(),
  /** When the cache behind these rows was last refreshed from the API; null if never. */
  syncedAt: z.string().nullable(),
});
export type CaseQueryResult = z.infer<typeof caseQueryResultSchema>;

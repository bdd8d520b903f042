import { AppError } from '../../../shared/app-error';
import { PRIORITIES, type Priority } from '../../google-wire/google-types';

/**
 * What the user filters cases by, typed; turned into the query language of
 * cases.search (`query`) and cases.list (`filter`). The API only knows OPEN and
 * CLOSED as states: finer states (NEW, ACTION_REQUIRED, …) are filtered locally.
 */
export interface CaseFilter {
  /** Free text matched against displayName, description and comments (search only). */
  keyword?: string;
  state?: 'OPEN' | 'CLOSED';
  priorities?: Priority[];
  /** Only cases updated strictly after this instant (search only). */
  updatedAfter?: Date | string;
  creatorEmail?: string;
}

const SETTABLE_PRIORITIES = PRIORITIES.filter((priority) => priority !== 'PRIORITY_UNSPECIFIED');
const EMAIL = /^[^\s@"\\]+@[^\s@"\\]+\.[^\s@"\\]+$/;

/** `query` for cases.search; an empty string means every case under the parent. */
export function buildSearchQuery(filter: CaseFilter = {}): string {
  const terms = structuredTerms(filter);
  if (filter.updatedAfter !== undefined) terms.push(`updateTime>${quote(toTimestamp(filter.updatedAfter))}`);
  const keyword = filter.keyword?.trim();
  if (keyword) terms.push(quote(keyword));
  return terms.join(' AND ');
}

/** `filter` for cases.list, which knows neither free text nor update time. */
export function buildListFilter(filter: CaseFilter = {}): string {
  if (filter.keyword?.trim()) {
    throw new AppError('invalid_argument', 'Listing cases cannot filter by keyword; search instead.', {
      field: 'keyword',
    });
  }
  if (filter.updatedAfter !== undefined) {
    throw new AppError('invalid_argument', 'Listing cases cannot filter by update time; search instead.', {
      field: 'updatedAfter',
    });
  }
  return structuredTerms(filter).join(' AND ');
}

function structuredTerms(filter: CaseFilter): string[] {
  const terms: string[] = [];
  if (filter.state !== undefined) {
    if (filter.state !== 'OPEN' && filter.state !== 'CLOSED') {
      throw new AppError('invalid_argument', `Unknown case state filter "${String(filter.state)}".`, {
        field: 'state',
      });
    }
    terms.push(`state=${filter.state}`);
  }
  const priorities = [...new Set(filter.priorities ?? [])];
  for (const priority of priorities) {
    if (!(SETTABLE_PRIORITIES as readonly string[]).includes(priority)) {
      throw new AppError('invalid_argument', `Unknown priority "${String(priority)}".`, { field: 'priorities' });
    }
  }
  if (priorities.length === 1) terms.push(`priority=${priorities[0]}`);
  if (priorities.length > 1) terms.push(`(${priorities.map((priority) => `priority=${priority}`).join(' OR ')})`);
  if (filter.creatorEmail !== undefined) {
    const email = filter.creatorEmail.trim();
    if (!EMAIL.test(email)) {
      throw new AppError('invalid_argument', `"${filter.creatorEmail}" is not an email address.`, {
        field: 'creatorEmail',
      });
    }
    terms.push(`creator.email=${quote(email)}`);
  }
  return terms;
}

/** A double-quoted string literal of the filter language: backslash and quote escaped. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/[\r\n\t]+/g, ' ')}"`;
}

function toTimestamp(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new AppError('invalid_argument', `"${String(value)}" is not a date.`, { field: 'updatedAfter' });
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * caseClassifications.search `query` for what a person types when looking for a
 * category: Google's `display_name:"*words*"` form. Quotes and wildcards typed by the
 * person are dropped, since the pattern language has no escape for them.
 */
export function buildClassificationQuery(keyword: string): string {
  const words = keyword
    .replace(/["*\\]/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  return words ? `display_name:"*${words}*"` : '';
}

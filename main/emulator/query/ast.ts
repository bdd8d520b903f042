import type { CaseState, Priority } from '../../google-wire/google-types';

/** A parsed cases filter (cases.list) or query (cases.search). */
export type QueryNode =
  | { kind: 'and'; items: QueryNode[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'all' }
  /** OPEN stands for every state but CLOSED. */
  | { kind: 'state'; value: 'OPEN' | Exclude<CaseState, 'STATE_UNSPECIFIED'> }
  | { kind: 'priority'; value: Exclude<Priority, 'PRIORITY_UNSPECIFIED'> }
  | { kind: 'creatorEmail'; value: string }
  | { kind: 'updatedAfter'; time: number }
  /** Lower-cased words that must each appear in the display name, description or a comment. */
  | { kind: 'text'; words: string[] };

export type QueryMode = 'filter' | 'search';

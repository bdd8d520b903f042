import type { CaseState, Priority } from '../../google-wire/google-types';
import type { QueryNode } from './ast';

/** What a query looks at in a case. `text` is lower-cased display name + description + comment bodies, computed on demand. */
export interface QueryTarget {
  state: CaseState;
  priority: Priority;
  creatorEmail: string;
  updateTime: number;
  text(): string;
}

export function matchesQuery(node: QueryNode, target: QueryTarget): boolean {
  switch (node.kind) {
    case 'all':
      return true;
    case 'and':
      return node.items.every((item) => matchesQuery(item, target));
    case 'or':
      return node.items.some((item) => matchesQuery(item, target));
    case 'state':
      return node.value === 'OPEN' ? target.state !== 'CLOSED' : target.state === node.value;
    case 'priority':
      return target.priority === node.value;
    case 'creatorEmail':
      return target.creatorEmail.toLowerCase() === node.value;
    case 'updatedAfter':
      return target.updateTime > node.time;
    case 'text': {
      const text = target.text();
      return node.words.every((word) => text.includes(word));
    }
  }
}

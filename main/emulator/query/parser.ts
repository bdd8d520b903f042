import type { QueryMode, QueryNode } from './ast';
import { tokenize, type Token } from './lexer';
import { QueryError } from './query-error';

const STATES = ['OPEN', 'CLOSED', 'NEW', 'IN_PROGRESS_GOOGLE_SUPPORT', 'ACTION_REQUIRED', 'SOLUTION_PROVIDED'] as const;
const PRIORITIES = ['P0', 'P1', 'P2', 'P3', 'P4'] as const;
const SEVERITIES = ['S0', 'S1', 'S2', 'S3', 'S4'] as const;
/**
 * Parentheses nested deeper than this are refused: each level costs four stack frames of
 * this recursive-descent parser, and ~3,000 levels (a 6 KB query) overflowed the stack (a 500).
 * No real filter comes near it.
 */
export const MAX_QUERY_NESTING = 64;

/**
 * Parses the Cloud Support filter/query language (a subset of AIP-160):
 *   expression := sequence { "AND" sequence }
 *   sequence   := factor { factor }            (juxtaposition is AND)
 *   factor     := term { "OR" term }           (OR binds tighter than AND, as in AIP-160)
 *   term       := "(" expression ")" | field op value | text
 * Fields: state, priority (severity Sn accepted as Pn), creator.email; in search mode
 * also update_time (only ">") and bare words or quoted strings (keyword match).
 */
export function parseQuery(input: string, mode: QueryMode): QueryNode {
  const tokens = tokenize(input);
  if (tokens.length === 0) return { kind: 'all' };
  const parser = new Parser(tokens, mode);
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly mode: QueryMode,
  ) {}

  expression(): QueryNode {
    const items = [this.sequence()];
    while (this.isKeyword('AND')) {
      this.index++;
      items.push(this.sequence());
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'and', items };
  }

  expectEnd(): void {
    const token = this.peek();
    if (token) throw new QueryError(`Unexpected ${describe(token)} at position ${token.position + 1}.`);
  }

  private sequence(): QueryNode {
    const items = [this.factor()];
    while (this.startsTerm()) items.push(this.factor());
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'and', items };
  }

  private factor(): QueryNode {
    const items = [this.term()];
    while (this.isKeyword('OR')) {
      this.index++;
      items.push(this.term());
    }
    return items.length === 1 ? (items[0] as QueryNode) : { kind: 'or', items };
  }

  private term(): QueryNode {
    const token = this.peek();
    if (!token) throw new QueryError('The filter ends where a condition was expected.');
    if (token.kind === 'lparen') {
      if (this.depth >= MAX_QUERY_NESTING) {
        throw new QueryError(
          `Parentheses nested deeper than ${MAX_QUERY_NESTING} levels at position ${token.position + 1}.`,
        );
      }
      this.index++;
      this.depth++;
      const inner = this.expression();
      this.depth--;
      const close = this.peek();
      if (close?.kind !== 'rparen') {
        throw new QueryError(`Missing ")" for the "(" at position ${token.position + 1}.`);
      }
      this.index++;
      return inner;
    }
    if (token.kind === 'word' && (token.text === 'AND' || token.text === 'OR' || token.text === 'NOT')) {
      throw new QueryError(`Unexpected ${token.text} at position ${token.position + 1}: a condition was expected.`);
    }
    if (token.kind === 'word' || token.kind === 'string') {
      const next = this.tokens[this.index + 1];
      if (token.kind === 'word' && next?.kind === 'operator') return this.comparison(token.text, token.position);
      this.index++;
      return this.text(token.text, token.position);
    }
    throw new QueryError(`Unexpected ${describe(token)} at position ${token.position + 1}.`);
  }

  private comparison(field: string, position: number): QueryNode {
    this.index++;
    const operator = this.tokens[this.index++] as Extract<Token, { kind: 'operator' }>;
    const valueToken = this.peek();
    if (!valueToken || (valueToken.kind !== 'word' && valueToken.kind !== 'string')) {
      throw new QueryError(`Missing value after "${field}${operator.text}" at position ${operator.position + 1}.`);
    }
    this.index++;
    const value = valueToken.text;
    const where = `at position ${position + 1}`;
    const onlyEquals = () => {
      if (operator.text !== '=')
        throw new QueryError(`Field "${field}" ${where} supports only "=", not "${operator.text}".`);
    };
    switch (field) {
      case 'state': {
        onlyEquals();
        const state = STATES.find((s) => s === value.toUpperCase());
        if (!state) throw new QueryError(`Invalid state "${value}" ${where}. Valid: ${STATES.join(', ')}.`);
        return { kind: 'state', value: state };
      }
      case 'priority':
      case 'severity': {
        onlyEquals();
        const upper = value.toUpperCase();
        const severityIndex = SEVERITIES.findIndex((s) => s === upper);
        const priority = severityIndex >= 0 ? PRIORITIES[severityIndex] : PRIORITIES.find((p) => p === upper);
        if (!priority) throw new QueryError(`Invalid priority "${value}" ${where}. Valid: ${PRIORITIES.join(', ')}.`);
        return { kind: 'priority', value: priority };
      }
      case 'creator.email':
        onlyEquals();
        return { kind: 'creatorEmail', value: value.toLowerCase() };
      case 'update_time':
      case 'updateTime': {
        if (this.mode !== 'search')
          throw new QueryError(`Field "${field}" ${where} is only supported by cases.search.`);
        if (operator.text !== '>')
          throw new QueryError(`Field "${field}" ${where} supports only ">", not "${operator.text}".`);
        const time = Date.parse(value);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
          throw new QueryError(`Invalid timestamp "${value}" ${where}: use RFC 3339, e.g. "2026-01-01T00:00:00Z".`);
        }
        return { kind: 'updatedAfter', time };
      }
      default:
        throw new QueryError(
          `Unknown field "${field}" ${where}. Supported: state, priority, creator.email${this.mode === 'search' ? ', update_time' : ''}.`,
        );
    }
  }

  private text(raw: string, position: number): QueryNode {
    if (this.mode !== 'search') {
      throw new QueryError(
        `Free text "${raw}" at position ${position + 1} is only supported by cases.search; cases.list takes field conditions.`,
      );
    }
    const words = raw
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word.length > 0);
    if (words.length === 0) throw new QueryError(`Empty search text at position ${position + 1}.`);
    return { kind: 'text', words };
  }

  private startsTerm(): boolean {
    const token = this.peek();
    if (!token) return false;
    if (token.kind === 'lparen' || token.kind === 'string') return true;
    return token.kind === 'word' && token.text !== 'AND' && token.text !== 'OR';
  }

  private isKeyword(keyword: 'AND' | 'OR'): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text === keyword;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'word':
      return `"${token.text}"`;
    case 'string':
      return `string "${token.text}"`;
    case 'operator':
      return `operator "${token.text}"`;
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
  }
}

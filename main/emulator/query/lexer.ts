import { QueryError } from './query-error';

export type Token =
  | { kind: 'word'; text: string; position: number }
  | { kind: 'string'; text: string; position: number }
  | { kind: 'operator'; text: '=' | '!=' | '>' | '>=' | '<' | '<=' | ':'; position: number }
  | { kind: 'lparen' | 'rparen'; position: number };

const WORD_CHAR = /[A-Za-z0-9_.@+\-*]/;

/** Splits an AIP-160-style filter into tokens. Strings take "double" or 'single' quotes with backslash escapes. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input.charAt(i);
    if (/\s/.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'lparen' : 'rparen', position: i });
      i++;
    } else if (char === '"' || char === "'") {
      const start = i;
      let text = '';
      i++;
      while (i < input.length && input.charAt(i) !== char) {
        if (input.charAt(i) === '\\' && i + 1 < input.length) i++;
        text += input.charAt(i);
        i++;
      }
      if (i >= input.length) throw new QueryError(`Unterminated string starting at position ${start + 1}.`);
      i++;
      tokens.push({ kind: 'string', text, position: start });
    } else if ('=!<>:'.includes(char)) {
      const two = input.slice(i, i + 2);
      if (two === '!=' || two === '>=' || two === '<=') {
        tokens.push({ kind: 'operator', text: two, position: i });
        i += 2;
      } else if (char === '!') {
        throw new QueryError(`Unexpected "!" at position ${i + 1}.`);
      } else {
        tokens.push({ kind: 'operator', text: char as '=' | '>' | '<' | ':', position: i });
        i++;
      }
    } else if (WORD_CHAR.test(char)) {
      const start = i;
      while (i < input.length && WORD_CHAR.test(input.charAt(i))) i++;
      tokens.push({ kind: 'word', text: input.slice(start, i), position: start });
    } else {
      throw new QueryError(`Unexpected character "${char}" at position ${i + 1}.`);
    }
  }
  return tokens;
}

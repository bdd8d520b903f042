/** A malformed filter or query; `message` names the problem and where it is. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

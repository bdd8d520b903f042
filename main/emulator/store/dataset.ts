import type { CaseClassification } from '../../google-wire/google-types';
import type { CaseRecord, CommentRecord, CustomerRecord, DemoAccount, ResellerDomain } from './model';

/** Everything a seed generator produces; the store indexes it. */
export interface Dataset {
  domains: ResellerDomain[];
  accounts: DemoAccount[];
  customers: CustomerRecord[];
  cases: CaseRecord[];
  classifications: Required<CaseClassification>[];
  /** Builds the comments of a case whose `comments` were left undefined (large data sets). */
  generateComments?: (record: CaseRecord) => CommentRecord[];
}

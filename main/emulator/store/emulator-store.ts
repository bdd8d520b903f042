import type { CaseClassification } from '../../google-wire/google-types';
import type { Dataset } from './dataset';
import type { CaseRecord, CommentRecord, CustomerRecord, DemoAccount, ResellerDomain } from './model';

/**
 * The emulator's in-memory data, indexed the way the routes read it: customers by
 * reseller domain and by organization, cases by organization kept sorted by
 * updateTime (newest first) so list/search never re-sort.
 */
export class EmulatorStore {
  readonly domains: ResellerDomain[];
  readonly classifications: Required<CaseClassification>[];
  private readonly accounts = new Map<string, DemoAccount>();
  private readonly customers = new Map<string, CustomerRecord>();
  private readonly customersByReseller = new Map<string, CustomerRecord[]>();
  private readonly customersByOrg = new Map<string, CustomerRecord>();
  private readonly cases = new Map<string, CaseRecord>();
  private readonly casesByOrg = new Map<string, CaseRecord[]>();
  private readonly classificationsById = new Map<string, Required<CaseClassification>>();
  private readonly generateComments: ((record: CaseRecord) => CommentRecord[]) | undefined;
  private nextId: number;

  constructor(dataset: Dataset) {
    this.domains = dataset.domains;
    this.classifications = dataset.classifications;
    this.generateComments = dataset.generateComments;
    for (const account of dataset.accounts) this.accounts.set(account.email.toLowerCase(), account);
    for (const classification of dataset.classifications)
      this.classificationsById.set(classification.id, classification);
    for (const customer of dataset.customers) {
      this.customers.set(customer.customerId, customer);
      this.customersByOrg.set(customer.orgNumber, customer);
      const list = this.customersByReseller.get(customer.resellerDomain) ?? [];
      list.push(customer);
      this.customersByReseller.set(customer.resellerDomain, list);
    }
    for (const list of this.customersByReseller.values()) list.sort((a, b) => compareText(a.customerId, b.customerId));
    let maxId = 0;
    for (const record of dataset.cases) {
      this.cases.set(record.id, record);
      const list = this.casesByOrg.get(record.orgNumber) ?? [];
      list.push(record);
      this.casesByOrg.set(record.orgNumber, list);
      maxId = Math.max(maxId, Number(record.id));
    }
    for (const list of this.casesByOrg.values()) list.sort(newestFirst);
    this.nextId = maxId + 1;
  }

  account(email: string): DemoAccount | undefined {
    return this.accounts.get(email.toLowerCase());
  }

  allAccounts(): DemoAccount[] {
    return [...this.accounts.values()];
  }

  domain(name: string): ResellerDomain | undefined {
    return this.domains.find((d) => d.domain === name);
  }

  customer(customerId: string): CustomerRecord | undefined {
    return this.customers.get(customerId);
  }

  customerByOrg(orgNumber: string): CustomerRecord | undefined {
    return this.customersByOrg.get(orgNumber);
  }

  /** The customers a reseller domain manages now, by customerId. */
  customersOf(resellerDomain: string): readonly CustomerRecord[] {
    return this.customersByReseller.get(resellerDomain) ?? [];
  }

  classification(id: string): Required<CaseClassification> | undefined {
    return this.classificationsById.get(id);
  }

  case(id: string): CaseRecord | undefined {
    return this.cases.get(id);
  }

  /** Cases of one organization, newest update first. */
  casesOfOrg(orgNumber: string): readonly CaseRecord[] {
    return this.casesByOrg.get(orgNumber) ?? [];
  }

  /** Cases filed by a reseller domain for customers it still manages (those of customers without reseller access included). */
  visibleCaseCount(resellerDomain: string): number {
    let count = 0;
    for (const customer of this.customersOf(resellerDomain)) {
      for (const record of this.casesOfOrg(customer.orgNumber)) if (record.resellerDomain === resellerDomain) count++;
    }
    return count;
  }

  /** A fresh numeric id for a case, comment or attachment. */
  newId(): string {
    return String(this.nextId++);
  }

  addCase(record: CaseRecord): void {
    this.cases.set(record.id, record);
    const list = this.casesByOrg.get(record.orgNumber) ?? [];
    list.splice(insertionIndex(list, record), 0, record);
    this.casesByOrg.set(record.orgNumber, list);
  }

  /** Records a change to a case at `time` and keeps the org's order by updateTime. */
  touch(record: CaseRecord, time: number): void {
    const list = this.casesByOrg.get(record.orgNumber);
    record.updateTime = Math.max(time, record.updateTime);
    if (!list) return;
    const at = list.indexOf(record);
    if (at >= 0) list.splice(at, 1);
    list.splice(insertionIndex(list, record), 0, record);
  }

  commentsOf(record: CaseRecord): CommentRecord[] {
    if (!record.comments) record.comments = this.generateComments ? this.generateComments(record) : [];
    return record.comments;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** updateTime descending, then id descending, so the order is total and stable. */
function newestFirst(a: CaseRecord, b: CaseRecord): number {
  return b.updateTime - a.updateTime || Number(b.id) - Number(a.id);
}

function insertionIndex(list: readonly CaseRecord[], record: CaseRecord): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (newestFirst(list[mid] as CaseRecord, record) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

import type { Comment, ListCasesResponse, ListCommentsResponse } from '../../main/google-wire/google-types';
import type { RunningEmulator } from '../../main/emulator';
import { caseStateSchema, prioritySchema, type CaseState, type Priority } from '../../shared/model/case';

/**
 * What the emulator says a user may see, read over its HTTP API with a token it issues
 * for that user: the expectations of the browser tests come from here, not from the app.
 */
export interface VisibleCase {
  name: string;
  title: string;
  description: string;
  state: CaseState;
  priority: Priority;
}

async function getJson<T>(
  emulator: RunningEmulator,
  token: string,
  path: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${emulator.endpoints.cloudSupport}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Every case `email` can list across its domain's customers (403 for a customer without reseller access). */
export async function casesVisibleTo(emulator: RunningEmulator, email: string): Promise<VisibleCase[]> {
  const account = emulator.control.demoAccounts().find((a) => a.email === email);
  if (!account) throw new Error(`No demo account ${email}`);
  const token = emulator.control.issueTokens(email).access_token;
  const cases: VisibleCase[] = [];
  for (const customer of emulator.control.data.customers(account.domain)) {
    let pageToken = '';
    do {
      const query = new URLSearchParams({ pageSize: '100', ...(pageToken ? { pageToken } : {}) });
      const { status, body } = await getJson<ListCasesResponse>(
        emulator,
        token,
        `/v2/${customer.organization}/cases?${query}`,
      );
      if (status === 403) break;
      if (status !== 200) throw new Error(`cases.list ${customer.organization} answered ${status}`);
      for (const c of body.cases ?? []) {
        cases.push({
          name: c.name ?? '',
          title: c.displayName ?? '',
          description: c.description ?? '',
          // The emulator always sets both; anything else is a bug these tests should report.
          state: caseStateSchema.parse(c.state),
          priority: prioritySchema.parse(c.priority),
        });
      }
      pageToken = body.nextPageToken ?? '';
    } while (pageToken);
  }
  return cases;
}

export async function commentsOf(emulator: RunningEmulator, email: string, caseName: string): Promise<Comment[]> {
  const token = emulator.control.issueTokens(email).access_token;
  const comments: Comment[] = [];
  let pageToken = '';
  do {
    const query = new URLSearchParams({ pageSize: '100', ...(pageToken ? { pageToken } : {}) });
    const { status, body } = await getJson<ListCommentsResponse>(emulator, token, `/v2/${caseName}/comments?${query}`);
    if (status !== 200) throw new Error(`comments.list ${caseName} answered ${status}`);
    comments.push(...(body.comments ?? []));
    pageToken = body.nextPageToken ?? '';
  } while (pageToken);
  return comments;
}

/** The app's keyword rule (case- and accent-insensitive, every word must occur). */
export function containsKeyword(text: string, keyword: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
  const haystack = fold(text);
  return fold(keyword)
    .split(/\s+/)
    .filter(Boolean)
    .every((token) => haystack.includes(token));
}

/**
 * The domain database's schema, as numbered migrations: `PRAGMA user_version` holds the
 * last one applied, and opening a database applies the ones after it in one transaction
 * each. A migration is never edited once released; a change is a new one at the end.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- Facts about the file itself: whose domain it is (a file copied from another
      -- domain is refused), when it was last synced.
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE customers (
        customer_id TEXT PRIMARY KEY,
        organization TEXT,
        json TEXT NOT NULL
      ) STRICT;

      -- Per customer organization: the newest updateTime seen, for incremental searches.
      CREATE TABLE sync_cursors (
        organization TEXT PRIMARY KEY,
        update_time TEXT NOT NULL
      ) STRICT;

      -- The case cache: the list's columns (loaded into memory in one SELECT at start-up),
      -- and the whole case as JSON for the detail pane. \`id\` is stable (an INTEGER PRIMARY
      -- KEY survives VACUUM): it is the rowid of the case's text in cases_text.
      -- listing_hash fingerprints the fields a listing gives, so a sync re-listing an
      -- unchanged case writes nothing.
      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        customer_id TEXT NOT NULL,
        organization TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        title TEXT NOT NULL,
        state TEXT NOT NULL,
        priority TEXT NOT NULL,
        category TEXT NOT NULL,
        create_time TEXT NOT NULL,
        update_time TEXT NOT NULL,
        escalated INTEGER NOT NULL DEFAULT 0,
        pending INTEGER NOT NULL DEFAULT 0,
        thread_loaded INTEGER NOT NULL DEFAULT 0,
        listing_hash TEXT NOT NULL,
        cached_at TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_by_organization ON cases (organization);
      -- The first window after a start (newest first) is read before the index is in memory.
      CREATE INDEX cases_by_update_time ON cases (update_time);
      CREATE INDEX cases_pending ON cases (pending) WHERE pending = 1;
      CREATE INDEX cases_by_state ON cases (state);

      -- The keyword's words beyond the title kept in memory: title, description and comment
      -- bodies of each case (rowid = cases.id). Contentless (the text is in cases.detail
      -- already) but deletable; accents fold as in the in-memory filter ("defaillance"
      -- finds "Défaillance"). detail = none: a keyword is words matched as prefixes, never
      -- phrases or columns, so positions are not kept (a smaller index, ~15 % faster writes).
      CREATE VIRTUAL TABLE cases_text USING fts5 (
        title,
        body,
        content = '',
        contentless_delete = 1,
        detail = none,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Read marks: the updateTime of a case when the user last opened it.
      CREATE TABLE read_marks (
        name TEXT PRIMARY KEY,
        read_update_time TEXT NOT NULL
      ) STRICT;

      -- Drafts: a new case, a message, a priority or share change, from the first keystroke.
      -- A discarded draft stays (undo) until purged; a consumed one was taken by the outbox
      -- and stays, with its files, until the outbox is done with it.
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        case_name TEXT,
        customer_id TEXT,
        content TEXT NOT NULL,
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        discarded_at TEXT,
        consumed_at TEXT
      ) STRICT;
      CREATE INDEX drafts_by_update ON drafts (updated_at);

      -- Files attached to a draft, copied into the app's data folder when added; \`path\` is
      -- named by the content's sha256, so duplicates share one copy.
      CREATE TABLE draft_files (
        draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        file_id TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        mime_type TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (draft_id, file_id)
      ) STRICT;

      -- Submissions waiting to reach Google, sent in order per case (seq), each with the
      -- client reference that lets a retry find out whether an earlier attempt landed.
      -- maybe_committed: a request may have left since the last known outcome, so the
      -- next attempt looks the reference up first. payload: the submission as sent (text
      -- tagged) and its files; result: the case made or changed, once known.
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        case_name TEXT,
        customer_id TEXT,
        draft_id TEXT,
        reference TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        maybe_committed INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        result TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    sql: `
      -- The latest change Google made to each case, as the sync detected it: a case is
      -- unread while this update_time is newer than its read mark (read_marks). kinds: the
      -- ChangeKinds seen since the user last opened it, comma-separated.
      CREATE TABLE google_changes (
        name TEXT PRIMARY KEY,
        update_time TEXT NOT NULL,
        kinds TEXT NOT NULL
      ) STRICT;
    `,
  },
];

/**
 * The tables holding what the user typed or saw: copied out of a damaged database row by
 * row. google_changes with read_marks: a rebuilt cache starts with a first sync, which
 * detects nothing, so the unread marks would otherwise be lost.
 */
export const SALVAGED_TABLES = ['drafts', 'draft_files', 'outbox', 'read_marks', 'google_changes'] as const;

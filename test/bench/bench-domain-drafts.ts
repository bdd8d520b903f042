import { join } from 'node:path';
import { DomainDrafts } from '../../main/core/drafts/domain-drafts';
import { silentLogger, systemClock } from '../../main/core/ports';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DomainDatabase } from '../../main/core/storage/domain-database';

/** The drafts benches' domain, with no files and every case its own. */
export const BENCH_DRAFTS_DOMAIN = 'crash.example';

/** A domain's database and drafts as the app opens them, for the crash loop and the keystroke bench. */
export async function openBenchDrafts(dataDir: string): Promise<{ database: DomainDatabase; drafts: DomainDrafts }> {
  const { database } = await DomainDatabase.open({
    file: databaseFilePath(dataDir, BENCH_DRAFTS_DOMAIN),
    domain: BENCH_DRAFTS_DOMAIN,
    now: () => Date.now(),
    log: silentLogger,
  });
  const drafts = new DomainDrafts({
    domain: BENCH_DRAFTS_DOMAIN,
    database,
    filesDir: join(dataDir, 'drafts', BENCH_DRAFTS_DOMAIN),
    stagedFiles: {
      open: () => Promise.reject(new Error('no files')),
      describe: () => {
        throw new Error('no files');
      },
      adopt: () => undefined,
      release: () => false,
    },
    ownsCase: () => true,
    ownsCustomer: () => true,
    emitChanged: () => undefined,
    clock: systemClock,
    log: silentLogger,
  });
  return { database, drafts };
}

/**
 * Test support for the PostgreSQL read store specs (the `.contract.ts` suffix keeps it out of the
 * build, like the contract suites). The database comes from TEST_POSTGRES_URL, which `.ci/run`
 * sets after starting PostgreSQL; every fixture gets a schema of its own, dropped afterwards, so
 * runs (and parallel spec files) never see each other's data.
 */
import { Pool } from 'pg';

export const testPostgresUrl: string | undefined = process.env.TEST_POSTGRES_URL || undefined;

export const SKIP_MESSAGE =
  'postgres read store: skipped — set TEST_POSTGRES_URL (e.g. postgres://kpi:kpi@127.0.0.1:5432/kpi_test; .ci/run starts one)';

let sequence = 0;

/** A schema name no other fixture, spec file or run uses. */
export function uniqueSchemaName(): string {
  sequence += 1;
  return `rs_test_${process.pid}_${Date.now().toString(36)}_${sequence}`;
}

/** A connection to the test database for checks behind the store's back, and for dropping schemas. */
export class TestDatabase {
  private readonly pool: Pool;

  constructor(readonly url: string) {
    this.pool = new Pool({ connectionString: url, max: 2 });
    this.pool.on('error', () => undefined);
  }

  query<R extends object = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.pool.query<R>(sql, params).then((result) => result.rows);
  }

  async dropSchema(schema: string): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * `describe` when a test database is configured; otherwise one printed line and a skipped suite,
 * which does not fail the run.
 */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  if (testPostgresUrl === undefined) {
    process.stderr.write(`${SKIP_MESSAGE}\n`);
    describe.skip(name, () => {
      it('needs TEST_POSTGRES_URL', () => undefined);
    });
    return;
  }
  const url = testPostgresUrl;
  describe(name, () => body(url));
}

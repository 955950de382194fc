import { createReadStore } from '../create-read-store.js';
import { describeReadStoreContract } from '../read-store.contract.js';
import { CheckpointConflictError, type DocumentChange, type ReadStore } from '../read-store.port.js';
import { SqliteReadStore } from '../sqlite/sqlite-read-store.js';
import { PostgresReadStore } from './postgres-read-store.js';
import { describeWithPostgres, TestDatabase, uniqueSchemaName } from './postgres-test-database.contract.js';

const put = (key: string, doc: unknown): DocumentChange => ({ key, doc });

/** Adds query parameters to a connection URL. */
function withParams(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(params)) parsed.searchParams.set(name, value);
  return parsed.toString();
}

describeWithPostgres('PostgresReadStore (TEST_POSTGRES_URL)', (url) => {
  let db: TestDatabase;
  const schemas: string[] = [];

  beforeAll(() => {
    db = new TestDatabase(url);
  });

  afterAll(async () => {
    for (const schema of schemas) await db.dropSchema(schema);
    await db.close();
  });

  function newSchema(): string {
    const schema = uniqueSchemaName();
    schemas.push(schema);
    return schema;
  }

  describeReadStoreContract('postgres', async () => {
    const schema = newSchema();
    let current = await PostgresReadStore.open(url, { schema });
    return {
      store: current,
      reopen: async () => {
        await current.close();
        current = await PostgresReadStore.open(url, { schema });
        return current;
      },
      cleanup: async () => {
        await current.close();
        await db.dropSchema(schema);
      },
    };
  });

  // The same contract through createReadStore: connected lazily, schema from the URL.
  describeReadStoreContract('postgres via createReadStore (lazy connect, ?schema=)', () => {
    const schema = newSchema();
    return createReadStore(withParams(url, { schema })).then((store) => ({
      store,
      cleanup: async () => {
        await store.close();
        await db.dropSchema(schema);
      },
    }));
  });

  describe('migrations', () => {
    const opened: PostgresReadStore[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    async function open(schema: string): Promise<PostgresReadStore> {
      const store = await PostgresReadStore.open(url, { schema });
      opened.push(store);
      return store;
    }

    const migrations = (schema: string) =>
      db.query<{ version: number; name: string }>(`SELECT version, name FROM "${schema}".schema_migrations`);

    it('creates the schema and records each migration once, however often it is opened', async () => {
      const schema = newSchema();
      const first = await open(schema);
      await first.commit('p', 1, [put('a', 1)], 1);
      await first.close();
      const second = await open(schema);
      expect(await second.get('p', 'a')).toBe(1);
      const rows = await migrations(schema);
      expect(rows.map((row) => row.version)).toEqual([1]);
      expect(PostgresReadStore.schemaVersion).toBe(1);
      const tables = await db.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      expect(tables.map((row) => row.table_name)).toEqual(['checkpoints', 'documents', 'schema_migrations']);
    });

    it('lets several processes start together on an empty database: all succeed, one migrates', async () => {
      const schema = newSchema();
      const stores = await Promise.all(Array.from({ length: 5 }, () => open(schema)));
      expect(stores).toHaveLength(5);
      expect((await migrations(schema)).map((row) => row.version)).toEqual([1]);
      await stores[0].commit('p', 1, [put('a', 1)], 1);
      expect(await stores[4].get('p', 'a')).toBe(1);
    });

    it('refuses a schema migrated by a newer program', async () => {
      const schema = newSchema();
      await open(schema);
      await db.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (99, 'future')`);
      await expect(PostgresReadStore.open(url, { schema })).rejects.toThrow(/version 99, newer than this program/);
    });

    it('rejects a schema name that is not a plain lower-case identifier', () => {
      expect(() => PostgresReadStore.connect(url, { schema: 'Robert"; DROP TABLE x; --' })).toThrow(RangeError);
      expect(() => PostgresReadStore.connect(url, { schema: 'Upper' })).toThrow(RangeError);
    });
  });

  describe('storage', () => {
    let schema: string;
    let store: PostgresReadStore;
    const others: ReadStore[] = [];

    beforeEach(async () => {
      schema = newSchema();
      store = await PostgresReadStore.open(url, { schema });
    });

    afterEach(async () => {
      await Promise.all(others.splice(0).map((other) => other.close()));
      await store.close();
    });

    it('keeps documents as the exact JSON text, with keys in code point order (COLLATE "C")', async () => {
      await store.commit('companies', 1, [put('alibaba', { name: 'Alibaba', a: 1 })], 3);
      const [row] = await db.query<{ type: string; doc: string }>(
        `SELECT pg_typeof(doc)::text AS type, doc FROM "${schema}".documents`,
      );
      expect(row).toEqual({ type: 'text', doc: '{"name":"Alibaba","a":1}' });
      const collations = await db.query<{ column_name: string; collation_name: string | null }>(
        `SELECT column_name, collation_name FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = 'documents' AND column_name = 'key'`,
        [schema],
      );
      expect(collations).toEqual([{ column_name: 'key', collation_name: 'C' }]);
      expect(await db.query(`SELECT * FROM "${schema}".checkpoints`)).toEqual([
        { projection: 'companies', position: '3', version: '1', failed_position: null, failed_error: null },
      ]);
    });

    it('answers exactly what the SQLite store answers, byte for byte', async () => {
      const sqlite = SqliteReadStore.open(':memory:');
      others.push(sqlite);
      const docs = [
        put('order', { z: 1, a: 2, m: { y: [3, { b: 1, a: 0 }], x: null } }),
        put('numbers', { big: 1e21, small: 1e-7, pi: 3.141592653589793, neg: -0, max: Number.MAX_SAFE_INTEGER }),
        put('text', { s: 'é😀\u0000\u001f"\\\u2028</script>', lone: '\ud800' }),
        put('é', ['Z', 'a', true, false, null]),
        put('😀', 'astral key'),
        put('\uFFFD', 0),
      ];
      for (const target of [sqlite, store]) await target.commit('p', 1, docs, 1);
      const answers = async (target: ReadStore) =>
        JSON.stringify([
          await target.dump('p'),
          await target.list('p', { prefix: 'é' }),
          await Promise.all(docs.map(({ key }) => target.get('p', key))),
        ]);
      expect(await answers(store)).toBe(await answers(sqlite));
    });

    it('refuses a key containing U+0000 (PostgreSQL text cannot hold it), changing nothing', async () => {
      await expect(store.commit('p', 1, [put('a', 1), put('b\0', 1)], 1)).rejects.toThrow(RangeError);
      expect(await store.status('p')).toBeNull();
      await store.recordFailure('p', { position: 1, error: 'nul \0 in message', version: 1 });
      expect((await store.status('p'))?.failedAt).toEqual({ position: 1, error: 'nul \uFFFD in message' });
    });

    it.each([
      ['a first commit (no checkpoint row yet)', 0],
      ['a later commit', 1],
    ])('lets exactly one of two processes committing the same batch win: %s', async (_what, earlier) => {
      const other = await PostgresReadStore.open(url, { schema });
      others.push(other);
      for (let round = 0; round < 10; round++) {
        const projection = `p${round}`;
        if (earlier) await store.commit(projection, 1, [put('n', 0)], 1);
        const position = earlier + 1;
        const results = await Promise.allSettled([
          store.commit(projection, 1, [put('n', 'store'), put('only-store', 1)], position),
          other.commit(projection, 1, [put('n', 'other'), put('only-other', 1)], position),
        ]);
        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.filter((result) => result.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(CheckpointConflictError);
        const winner = results[0].status === 'fulfilled' ? 'store' : 'other';
        expect(await store.dump(projection)).toEqual([
          { key: 'n', doc: winner },
          { key: `only-${winner}`, doc: 1 },
        ]);
        expect(await store.checkpoint(projection)).toEqual({ position, version: 1 });
      }
    });

    it('survives the server dropping its idle connections, and reconnects', async () => {
      const applicationName = `${schema}_reconnect`;
      const warnings: string[] = [];
      const dropped = await PostgresReadStore.open(withParams(url, { application_name: applicationName }), {
        schema,
        logger: { warn: (message) => warnings.push(message) },
      });
      others.push(dropped);
      await dropped.commit('p', 1, [put('a', 1)], 1);
      const terminated = await db.query<{ ok: boolean }>(
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      expect(terminated.length).toBeGreaterThan(0);
      // The pool's idle client sees the disconnect; nothing crashes, and the next use reconnects.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(warnings.join('\n')).toMatch(/idle connection lost.*will reconnect/);
      expect(await dropped.get('p', 'a')).toBe(1);
      await dropped.commit('p', 1, [put('a', 2)], 2);
      expect(await store.get('p', 'a')).toBe(2);
    });

    it('closes idempotently, and refuses use after close', async () => {
      await store.close();
      await store.close();
      await expect(store.get('p', 'a')).rejects.toThrow(/closed/);
      store = await PostgresReadStore.open(url, { schema });
    });
  });
});

describe('createReadStore for PostgreSQL', () => {
  it.each(['postgres://kpi:kpi@127.0.0.1:1/none', 'postgresql://127.0.0.1:1/none?schema=read_models'])(
    'returns a PostgresReadStore for %s without connecting; the first use reports the error',
    async (url) => {
      const store = await createReadStore(url);
      try {
        expect(store).toBeInstanceOf(PostgresReadStore);
        await expect(store.get('p', 'a')).rejects.toThrow(/ECONNREFUSED|connect/);
      } finally {
        await store.close();
      }
    },
  );

  it('rejects a bad schema parameter at once', async () => {
    await expect(createReadStore('postgres://127.0.0.1:1/none?schema=Bad-Name')).rejects.toThrow(RangeError);
  });
});

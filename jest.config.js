// The project is ESM (NestJS 12 ships ESM only), so jest runs with --experimental-vm-modules
// (see the `test` script) and ts-jest emits ESM; `.js` suffixes in imports map back to `.ts`.
// Jest on Node 20 cannot require() an ES module, which a few CommonJS dependencies do
// (@fastify/static → content-disposition, light-my-request → cookie): those few are compiled to
// CommonJS for the tests. Node itself (>= 20.19) loads them natively at run time.
const ESM_REQUIRED_FROM_CJS = ['content-disposition', 'cookie'];
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }];
const common = {
  testEnvironment: 'node',
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': tsJest,
    [`node_modules/(${ESM_REQUIRED_FROM_CJS.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_REQUIRED_FROM_CJS.join('|')})/)`],
};

// The end-to-end suite runs a second time with its read models in PostgreSQL when CI (or you)
// provide one; the process-level specs (CLI, server process) have their own stores and run once.
const postgres = process.env.TEST_POSTGRES_URL;
if (!postgres) console.log('e2e on PostgreSQL read models: skipped — set TEST_POSTGRES_URL to run it');
const e2ePostgres = {
  ...common,
  displayName: 'e2e-postgres',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    'cli\\.e2e-spec',
    'server-process\\.e2e-spec',
    'read-stores-agree',
    'projector-failover',
    'open-mode',
    'keys-cli',
    'dashboard\\.e2e-spec',
    // Reliability specs: their own processes and SQLite files, or about the write path only.
    'crash\\.e2e-spec',
    'graceful-shutdown\\.e2e-spec',
    'backup-restore\\.e2e-spec',
    'tamper\\.e2e-spec',
    'projection-isolation\\.e2e-spec',
    'fuzz\\.e2e-spec',
    'race\\.e2e-spec',
  ],
  setupFiles: ['<rootDir>/test/support/postgres-read-models.cjs'],
  globalSetup: '<rootDir>/test/support/build-once.cjs',
};

/** @type {import('jest').Config} */
export default {
  projects: [
    // web/src specs are the dashboard's pure logic (routing, chart data, form bodies): no DOM.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/build-once.cjs',
    },
    ...(postgres ? [e2ePostgres] : []),
  ],
};

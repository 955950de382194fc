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

/** @type {import('jest').Config} */
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/build-once.cjs',
    },
  ],
};

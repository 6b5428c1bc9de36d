/** Unit tests sit next to the code (*.spec.ts, the bench's too); e2e tests under test/ run against a real database. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // @fastify/static (the OpenAPI UI) requires content-disposition 3, which is ESM only; Node 20 can
    // require() it, Jest cannot, so Jest compiles that one package to CommonJS.
    '/node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
    },
    {
      // The reliability battery (npm run test:reliability): real processes, a private PostgreSQL cluster, faults.
      ...common,
      displayName: 'reliability',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/reliability/support/setup.ts'],
    },
  ],
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking happens once in `npm run lint`; transpiling only keeps the test run fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.check.json' }],
  },
  testTimeout: 30000,
  // The crisis classifier is trained from the banks before the tests, when its model file is missing or stale.
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
};

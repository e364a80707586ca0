/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  // office-addin-mock imports office-addin-manifest, whose ESM-only strip-bom breaks jest on node 20.
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/test/shims/office-addin-manifest.js',
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/reporters/summary.js'],
};

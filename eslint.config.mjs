import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Host and DOM globals that must never appear in the pure core.
const hostGlobals = ['Excel', 'Office', 'OfficeExtension', 'CustomFunctions', 'SpreadsheetApp', 'HtmlService',
  'Session', 'Utilities', 'google', 'window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'fetch'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'lib/', 'coverage/', 'appsscript/dist/', 'bench/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...hostGlobals.map((name) => ({ name, message: 'src/core is pure: no host or DOM globals.' }))],
      'no-restricted-syntax': ['error', ...hostGlobals.map((name) => ({
        selector: `TSQualifiedName > Identifier.left[name="${name}"]`,
        message: 'src/core is pure: no host types.',
      }))],
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/register/**', '**/hosts/**', '**/functions/**', '**/taskpane/**', '**/cli/**', 'react', 'react-dom', 'exceljs', '@fluentui/*'],
          message: 'src/core depends on nothing else in the project.' },
      ] }],
    },
  },
  {
    files: ['src/register/**/*.ts', 'src/taskpane/**/*.{ts,tsx}', 'src/functions/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'Excel', 'SpreadsheetApp'],
    },
  },
);

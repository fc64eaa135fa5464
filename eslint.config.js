// One lint gate for server, jobs, tests, bench and web (type-aware: no floating promises).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// ——— Layers (STYLE.md "Layout shows the architecture"), enforced here rather than by memory. ———
// One rule instance per file set: in flat config a later block's no-restricted-imports replaces an earlier one for
// the same file, so each block lists every restriction of its folder.
const KNEX = {
  name: 'knex',
  message:
    'knex is for server/db/, server/repositories/ and migrations/ only; take `Knex` from server/db/knex.ts.',
};
const ECHARTS = [
  {
    name: 'echarts',
    allowTypeImports: true,
    message: 'echarts is imported at run time only in web/src/lib/charts/ (EChart.svelte); types are fine.',
  },
];
const ECHARTS_PATTERN = {
  group: ['echarts/*', 'zrender', 'zrender/*'],
  allowTypeImports: true,
  message: 'echarts is imported at run time only in web/src/lib/charts/ (EChart.svelte); types are fine.',
};
/** @param {object[]} paths @param {object[]} patterns */
const restrict = (paths, patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});
const layers = [
  {
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    ignores: ['web/src/lib/charts/**'],
    rules: restrict(ECHARTS, [ECHARTS_PATTERN]),
  },
  {
    // Services, metrics, exports, CLI, jobs: data access goes through repositories.
    files: ['server/**/*.ts', 'jobs/**/*.ts'],
    ignores: ['server/db/**', 'server/repositories/**', 'server/http/**'],
    rules: restrict([KNEX, ...ECHARTS], [ECHARTS_PATTERN]),
  },
  {
    // Routes parse, authorise and call a service; they never reach past it.
    files: ['server/http/**/*.ts'],
    rules: restrict(
      [KNEX, ...ECHARTS],
      [
        ECHARTS_PATTERN,
        {
          group: ['../repositories/*', '../../jobs/*'],
          message: 'Routes call services (server/services/), not repositories or jobs/.',
        },
      ],
    ),
  },
  {
    // Repositories sit below services: shared shapes come from server/contracts/ or server/domain/.
    files: ['server/repositories/**/*.ts'],
    rules: restrict(ECHARTS, [
      ECHARTS_PATTERN,
      {
        group: ['../services/*', '../services/**'],
        message: 'Repositories must not import services (services call repositories, not the reverse).',
      },
    ]),
  },
  {
    // Exports write files from models (server/contracts/); they never depend back on the services that build them.
    files: ['server/exports/**/*.ts'],
    rules: restrict(
      [KNEX, ...ECHARTS],
      [
        ECHARTS_PATTERN,
        {
          group: ['../services/*', '../services/**'],
          message: 'Exports depend on models only (server/contracts/), never on services.',
        },
      ],
    ),
  },
  {
    // The API contract is imported by the web bundle: types and zod only, no run-time server code.
    files: ['server/contracts/**/*.ts'],
    rules: restrict(
      [KNEX, ...ECHARTS],
      [
        ECHARTS_PATTERN,
        {
          group: ['../*', '../**'],
          allowTypeImports: true,
          message: 'Contracts hold types and zod schemas only: import other server code with `import type`.',
        },
      ],
    ),
  },
];

export default ts.config(
  { ignores: ['node_modules/', 'data/', 'web/dist/', 'tests/output/', 'bench/output/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...ts.configs.recommendedTypeChecked,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowNullish: true },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layers,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // Tests assert on loosely typed JSON bodies; strict unsafe-* rules there would only add casts.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);

// @ts-check
// ESLint for every layer, with type information: each file is checked with the tsconfig of its
// folder (shared/, src-main/, src-renderer/, tests/, soak/, bench/), found by the project service.
// `npm run lint` (cached in node_modules/.cache/eslint/), part of `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// What shared/ and the renderer may not import: their tsconfig `paths` send these to
// types/layer-violation.d.ts so that tsc fails; the linter says it with a reason.
const NODE_OR_ELECTRON = ['electron', 'better-sqlite3', 'fs', 'path', 'os', 'child_process', 'crypto', 'http'].map((name) => ({
  name,
  message: 'shared/ and src-renderer/ run without Node or Electron (the renderer reaches the backend through src-renderer/api.ts).',
}));
const NODE_PREFIX = { group: ['node:*'], message: 'shared/ and src-renderer/ run without Node or Electron.' };
const layer = (folder, because) => ({ regex: `(^|/)${folder}(/|$)`, message: because });

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'release/', 'artifacts/', 'tests/scratch/', '.vite/', 'node_modules/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // the config files at the root and types/ belong to no layer: TypeScript's defaults
        projectService: { allowDefaultProject: ['*.ts', 'types/*.d.ts'], defaultProject: 'tsconfig.base.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // props and store members are typed as methods (`onCancel(): void`) and passed around unbound
      // on purpose; none of them uses `this`
      '@typescript-eslint/unbound-method': 'off',
      // async functions without await implement async interfaces (stubs, terminal prompts)
      '@typescript-eslint/require-await': 'off',
      // `_name` marks what a destructuring leaves out, or a placeholder's unused parameter
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // the text sanitisers remove control characters on purpose
    files: ['shared/export/bitmap.ts', 'shared/export/text.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      // tests read JSON (the stored map, exports, process output) and assert on its shape
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], extends: [tseslint.configs.disableTypeChecked], languageOptions: { globals: globals.node } },
  // the layers: what each tsconfig allows, said by the linter with a reason
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_OR_ELECTRON,
          patterns: [
            NODE_PREFIX,
            layer('src-main', 'shared/ imports nothing from src-main/'),
            layer('src-renderer', 'shared/ imports nothing from src-renderer/'),
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NODE_OR_ELECTRON, patterns: [NODE_PREFIX, layer('src-main', 'the renderer reaches the backend only through src-renderer/api.ts')] },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('src-renderer', 'src-main/ imports nothing from src-renderer/')] }] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'bench/bare/**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // no finding today: kept strict so that a missing dependency fails `npm test`
      'react-hooks/exhaustive-deps': 'error',
      // React Compiler rules: the app does not run the compiler, so the rules that only say
      // where it would skip a component are off
      'react-hooks/config': 'off',
      'react-hooks/gating': 'off',
      'react-hooks/incompatible-library': 'off',
      'react-hooks/preserve-manual-memoization': 'off',
      'react-hooks/unsupported-syntax': 'off',
      // rules of React the compiler checks that the code breaks in known, working places (a ref
      // holding the latest props read in render, state reset in an effect when a prop changes):
      // shown as warnings until those places are rewritten; the other compiler rules (purity,
      // globals, static-components, set-state-in-render, use-memo, error-boundaries) stay errors
      'react-hooks/refs': 'warn',
      'react-hooks/set-state-in-effect': 'warn',
      'react-hooks/immutability': 'warn',
    },
  },
]);

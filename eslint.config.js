// Lint encodes the architecture: which module may import which (see ARCHITECTURE in README).
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

/** Modules under src/ and the modules each one may import (besides itself). */
const ALLOWED = {
  shared: [],
  cache: ['shared'],
  observability: ['shared'],
  storage: ['shared', 'observability'],
  embedding: ['shared', 'cache', 'observability'],
  graphdb: ['shared', 'observability'],
  memory: ['shared', 'cache', 'observability', 'storage', 'graphdb'],
  features: ['shared'],
  policy: ['shared', 'cache', 'observability', 'storage'],
  tools: ['shared', 'memory', 'observability'],
  spacetime: ['shared', 'storage', 'observability', 'memory', 'graphdb'],
  shuttle: ['shared', 'cache', 'observability', 'embedding', 'memory', 'features', 'policy', 'tools', 'spacetime'],
  learning: ['shared', 'observability', 'storage', 'policy', 'spacetime'],
  graphql: ['shared', 'observability'],
  server: ['shared', 'observability', 'graphql'],
  graphapi: ['shared', 'observability', 'graphdb', 'graphql'],
  config: ['shared'],
};
const MODULES = [...Object.keys(ALLOWED), 'app', 'cli', 'bench'];

const zones = Object.entries(ALLOWED).flatMap(([module, allowed]) =>
  MODULES.filter((other) => other !== module && !allowed.includes(other)).map((other) => ({
    target: `./src/${module}`,
    from: `./src/${other}`,
    message: `src/${module} may not import src/${other} (dependencies point inward).`,
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'models/**', 'coverage/**', '*.config.*'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { import: importPlugin },
    // Maps the `.js` specifiers NodeNext requires back to the `.ts` sources.
    settings: { 'import/resolver': { typescript: { project: './tsconfig.json' } } },
    rules: {
      curly: ['error', 'all'],
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import/no-cycle': 'error',
      'import/no-default-export': 'error',
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zones,
            { target: './src', from: './resolvers', except: [], message: 'src/ never imports resolvers/ (only app/ does).' },
            { target: './resolvers', from: './src/app', message: 'resolvers/ call services, not the composition root.' },
            { target: './resolvers', from: './src/config', message: 'resolvers/ receive services, not config.' },
          ],
        },
      ],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/app/**', 'src/main.ts', 'src/cli/**', 'src/bench/**'],
    rules: { 'import/no-restricted-paths': 'off' },
  },
  {
    // neo4j-driver declares its option bags (Config, SessionConfig, QueryConfig) as classes but
    // documents and expects plain objects for them.
    files: ['src/graphdb/**', 'src/memory/backends/neo4j/**', 'src/spacetime/**', 'src/graphapi/**', 'test/**'],
    rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
  },
  {
    // type-graphql reads fields off whatever a resolver returns; plain objects are the norm there.
    files: ['resolvers/**'],
    rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      'max-lines-per-function': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests hand plain option objects to vendor clients whose option types are classes.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
);

// ESLint flat config: typescript-eslint's recommended rules (syntax only, no type information,
// so a lint of the tree stays fast on small machines) plus the project's module boundaries.
// Formatting is Prettier's job (`npm run format`), not the linter's.
import path from 'node:path';
import tseslint from 'typescript-eslint';

const root = path.dirname(new URL(import.meta.url).pathname);
const MODULES = path.join(root, 'apps/api/src/modules') + path.sep;
const APPS = path.join(root, 'apps') + path.sep;
const LIBS = path.join(root, 'libs') + path.sep;

/** `modules/<name>/...` → name, else null. */
function moduleOf(file) {
  if (!file.startsWith(MODULES)) return null;
  return file.slice(MODULES.length).split(path.sep)[0];
}

/**
 * Boundaries: a file may import another feature module only through its `index.ts`
 * (`../organisations`, never `../organisations/access.service`), and `libs/` never imports `apps/`.
 */
const boundaries = {
  meta: {
    type: 'problem',
    messages: {
      internal: "'{{source}}' reaches into module '{{target}}': import its public surface ('{{suggest}}') instead.",
      libToApp: "libs/ must not import apps/ ('{{source}}').",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = moduleOf(file);
    const inLibs = file.startsWith(LIBS);
    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(file), source);
      if (inLibs && resolved.startsWith(APPS)) {
        context.report({ node: node.source, messageId: 'libToApp', data: { source } });
        return;
      }
      const target = moduleOf(resolved);
      if (!target || target === from) return;
      const rest = resolved.slice(MODULES.length + target.length);
      if (rest === '' || rest === `${path.sep}index`) return;
      const suggest = path.relative(path.dirname(file), MODULES + target) || '.';
      context.report({
        node: node.source,
        messageId: 'internal',
        data: { source, target, suggest: suggest.startsWith('.') ? suggest : `./${suggest}` },
      });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '**/*.js', '**/*.cjs', 'apps/web/dist/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    plugins: { local: { rules: { boundaries } } },
    rules: {
      'local/boundaries': 'error',
      // `_`-prefixed names are deliberately unused (placeholders in signatures and destructuring).
      // `if (q.x) (conds.push('…'), params.push(q.x));` is how the SQL builders add optional filters.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read internals on purpose (white-box); the boundary rule is for the app and libs.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'local/boundaries': 'off', '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);

// `npm run lint`: typescript-eslint's recommended rules on all TypeScript; on what runs on the phone
// (src/app, src/core) also only APIs that Gecko 48 (KaiOS 2.5) has, per the "browserslist" in
// package.json, and nothing that needs eval (KaiOS packaged apps run under a strict CSP).
import compat from 'eslint-plugin-compat';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'artifacts/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
  },
  {
    files: ['src/app/**/*.ts', 'src/core/**/*.ts'],
    plugins: { compat },
    settings: { lintAllEsApis: true },
    rules: {
      'compat/compat': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
);

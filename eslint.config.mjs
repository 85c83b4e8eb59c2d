// Lints what runs on the phone: only APIs that Gecko 48 (KaiOS 2.5) has, per the "browserslist"
// in package.json, and nothing that needs eval (KaiOS packaged apps run under a strict CSP).
import compat from 'eslint-plugin-compat';
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['src/app/**/*.ts', 'src/core/**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    plugins: { compat },
    settings: { lintAllEsApis: true },
    rules: {
      'compat/compat': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
];

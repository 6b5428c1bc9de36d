/**
 * A real dynamic `import()` that TypeScript's CommonJS output does not rewrite to `require()`:
 * PGlite ships as ESM with top-level WASM loading.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
export const esmImport = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

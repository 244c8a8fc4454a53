import { fileURLToPath } from 'node:url';

/**
 * The folder Gazette is installed in, holding `src/` and `templates/`. This module runs from
 * `src/`, or compiled into `dist/<version>/` (see `bin/compile.js`).
 */
export const packageRoot = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '..' : '../..', import.meta.url),
);

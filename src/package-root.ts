import { fileURLToPath } from 'node:url';

/**
 * The folder Gazette is installed in, holding `templates/` and `package.json`. This module runs
 * from `src/`, or compiled into `dist/` (see `compile.ts`): either is one level down.
 */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

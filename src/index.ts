export {
  type BuildResult,
  build,
  type DraftCount,
  idMapFile,
  outputFiles,
  readEntries,
} from './build.ts';
export {
  type BuildOptions,
  type Config,
  parseConfig,
  type ResolvedConfig,
  readConfig,
} from './config.ts';
export type { Author, Entry } from './entry.ts';
export { type ErrorName, errorCatalogue, GazetteError, GazetteErrors } from './errors.ts';
export { createEngine, engineFor } from './incremental/engine.ts';
export { Locales } from './normalize/locales.ts';
export { normalizeEntry } from './normalize/normalize-entry.ts';
export type { BuildEngine } from './ports.ts';
export { parseArticle } from './read/parse-article.ts';
export { renderOutput } from './render/output.ts';

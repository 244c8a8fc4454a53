import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { ResolvedConfig } from '../config.ts';
import { GazetteError } from '../errors.ts';

/**
 * The digest's templates, as text: MJML with Handlebars, and plain text with Handlebars. With
 * the key that signs it (`readDkimKey`), what the digest is made of besides the entries.
 */
export interface DigestTemplates {
  mjml: string;
  text: string;
  /** Where the templates come from, for messages. */
  mjmlPath: string;
  textPath: string;
}

/**
 * The digest's templates: each from the first folder that has it, its path shown relative to
 * `cwd` when it lies inside it.
 */
export async function readTemplates(
  folders: string | string[],
  cwd?: string,
): Promise<DigestTemplates> {
  const list = typeof folders === 'string' ? [folders] : folders;
  const read = (name: string) => readTemplateFile(list, name, cwd);
  const [mjml, text] = await Promise.all([read('digest.mjml.hbs'), read('digest.txt.hbs')]);
  return { mjml: mjml.text, text: text.text, mjmlPath: mjml.path, textPath: text.path };
}

/**
 * The template `name` from the first of `folders` that has it, with its path as the user would
 * write it from `cwd`.
 */
export async function readTemplateFile(
  folders: string[],
  name: string,
  cwd?: string,
): Promise<{ text: string; path: string }> {
  for (const folder of folders) {
    const path = join(folder, name);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) return { text, path: cwd ? shownFrom(cwd, path) : path };
  }
  throw new GazetteError('TemplateNotFound', 'no such template in the templates folders', {
    file: name,
  });
}

/** A path as the user would write it from `cwd`: relative inside it, else whole. */
export function shownFrom(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

/** The DKIM private key named by the config, if any. */
export async function readDkimKey(
  config: ResolvedConfig,
  configFolder: string,
): Promise<string | undefined> {
  const file = config.digest.dkim?.privateKeyFile;
  if (!file) return undefined;
  return readFile(resolve(configFolder, file), 'utf8').catch(() => {
    throw new GazetteError(
      'ConfigInvalid',
      'digest.dkim.privateKeyFile: cannot read the key file',
      {
        file: file,
      },
    );
  });
}

import { GazetteError } from '../errors.ts';

/** An article's text cut in two: the YAML between the `---` lines, and the body after them. */
export interface SplitArticle {
  /** The front matter's YAML; undefined when the text opens with none. */
  yaml: string | undefined;
  body: string;
}

/** Language tags that may follow the opening `---`: both name YAML. */
const yamlTags = new Set(['', 'yaml', 'yml']);

/**
 * Cuts front matter from `source` (newlines already `\n`): a first line of `---`, the YAML, a
 * line of `---`. Front matter is data: a block marked with another language (`---js`,
 * `---json`, `---toml`) is refused here, never handed to a parser, let alone evaluated.
 * `file` names the file in messages.
 */
export function splitFrontMatter(source: string, file: string): SplitArticle {
  // Four dashes or more open a horizontal rule or a text's own divider, not front matter.
  if (!source.startsWith('---') || source[3] === '-') return { yaml: undefined, body: source };
  const firstEnd = source.indexOf('\n');
  const opening = firstEnd < 0 ? source : source.slice(0, firstEnd);
  const tag = opening.slice(3).trim();
  if (!yamlTags.has(tag.toLowerCase())) {
    throw new GazetteError(
      'FrontMatterLanguage',
      `front matter marked "${tag}" is not read: only YAML front matter is, and none is run`,
      { file, line: 1 },
    );
  }
  const closing = firstEnd < 0 ? null : /^---[ \t]*$/m.exec(source.slice(firstEnd + 1));
  if (!closing) {
    throw new GazetteError(
      'FrontMatterUnclosed',
      'the front matter opened here has no closing line of three dashes (---)',
      { file, line: 1 },
    );
  }
  const yamlEnd = firstEnd + 1 + closing.index;
  const after = yamlEnd + closing[0].length;
  return {
    yaml: source.slice(firstEnd + 1, yamlEnd),
    body: source[after] === '\n' ? source.slice(after + 1) : source.slice(after),
  };
}

import { readTemplateFile } from './digest-files.ts';

/** A template's text and where it was found, shown as the user would write it. */
export interface TemplateFile {
  text: string;
  path: string;
}

/**
 * The site's page templates: the article page, the lists, a sent digest's page, and the
 * partials every page shares.
 */
export interface PageTemplates {
  article: TemplateFile;
  list: TemplateFile;
  digestPage: TemplateFile;
  partials: Record<'head' | 'header' | 'footer', TemplateFile>;
}

const partialNames = ['head', 'header', 'footer'] as const;

/**
 * The page templates, each from the first folder that has it (a project's `templates/` first,
 * file by file, then Gazette's own): `article.html.hbs`, `list.html.hbs`,
 * `digest-page.html.hbs` and `partials/<name>.hbs`.
 */
export async function readPageTemplates(folders: string[], cwd?: string): Promise<PageTemplates> {
  const read = (name: string): Promise<TemplateFile> => readTemplateFile(folders, name, cwd);
  const [article, list, digestPage, ...partials] = await Promise.all([
    read('article.html.hbs'),
    read('list.html.hbs'),
    read('digest-page.html.hbs'),
    ...partialNames.map((name) => read(`partials/${name}.hbs`)),
  ]);
  return {
    article: article as TemplateFile,
    list: list as TemplateFile,
    digestPage: digestPage as TemplateFile,
    partials: Object.fromEntries(partialNames.map((name, i) => [name, partials[i]])) as Record<
      (typeof partialNames)[number],
      TemplateFile
    >,
  };
}

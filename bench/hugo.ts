import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Lays out a minimal Hugo site holding the same articles: one page each, and an Atom feed of
 * all of them with their full content, as Gazette writes.
 */
export async function writeHugoSite(articles: string, site: string): Promise<void> {
  await mkdir(join(site, 'content', 'posts'), { recursive: true });
  await mkdir(join(site, 'layouts', '_default'), { recursive: true });
  await writeFile(
    join(site, 'config.toml'),
    `baseURL = "https://bench.example.org/"
title = "Bench"
languageCode = "fr"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[mediaTypes."application/atom+xml"]
suffixes = ["xml"]
[outputFormats.Atom]
mediaType = "application/atom+xml"
baseName = "atom"
[outputs]
home = ["HTML", "Atom"]
`,
  );
  await writeFile(
    join(site, 'layouts', 'index.atom.xml'),
    `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<id>{{ .Site.BaseURL }}</id><title>{{ .Site.Title }}</title><updated>{{ now.Format "2006-01-02T15:04:05Z07:00" }}</updated>
<link rel="self" href="{{ .Permalink }}atom.xml"/>
{{ range .Site.RegularPages }}<entry><id>{{ .Permalink }}</id><title>{{ .Title }}</title><link href="{{ .Permalink }}"/>
<updated>{{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" }}</updated><published>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</published>
<summary>{{ .Summary | plainify }}</summary><content type="html">{{ .Content | html }}</content></entry>
{{ end }}</feed>
`,
  );
  await writeFile(
    join(site, 'layouts', 'index.html'),
    '<!doctype html><title>{{ .Site.Title }}</title>{{ range .Site.RegularPages }}<a href="{{ .Permalink }}">{{ .Title }}</a>{{ end }}',
  );
  await writeFile(
    join(site, 'layouts', '_default', 'single.html'),
    '<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}',
  );
  await writeFile(
    join(site, 'layouts', '_default', 'list.html'),
    '<!doctype html><title>{{ .Title }}</title>',
  );
  for (const name of await readdir(articles)) {
    const text = await readFile(join(articles, name), 'utf8');
    const date = name.slice(0, 10);
    const body = text.startsWith('---') ? text.replace(/^---\n[\s\S]*?\n---\n/, '') : text;
    const title =
      /^title: (.*)$/m.exec(text)?.[1] ??
      JSON.stringify(body.split(/[.!?]/)[0]?.slice(0, 100) ?? name);
    await writeFile(
      join(site, 'content', 'posts', name.replace(/\.(txt|md)$/, '.md')),
      `---\ntitle: ${title}\ndate: ${date}\n---\n${body}`,
    );
  }
}

/** Lowercase ASCII words joined by `-`: accents dropped, everything else a separator. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The slug of a file: its name without folder, extension, or leading date. */
export function slugFromPath(path: string): string {
  const name = (path.split('/').pop() ?? path).replace(/\.[^.]+$/, '');
  const withoutDate = name.replace(/^\d{4}-\d{2}-\d{2}[-_. ]*/, '');
  return slugify(withoutDate) || slugify(name) || 'article';
}

/**
 * A tag URI (RFC 4151): `tag:<host>,<date>:<slug>`. The date is the day the entry was first
 * published, which the site's owner held the host on.
 */
export function tagUri(siteUrl: string, day: string, slug: string): string {
  return `tag:${new URL(siteUrl).hostname},${day}:${slug}`;
}

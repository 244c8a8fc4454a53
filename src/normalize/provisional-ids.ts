import type { IdMap } from './identity.ts';

/**
 * Whether a host is one of the example domains RFC 2606 reserves (`example.com`, `.net`, `.org`,
 * their subdomains, and the `.example` top-level domain): a site there has no address of its
 * own yet, as in `gazette init`'s starter config.
 */
export function isExampleHost(host: string): boolean {
  return /(^|\.)example\.(com|net|org)\.?$/i.test(host) || /(^|\.)example\.?$/i.test(host);
}

/**
 * The id map with its provisional ids moved to the host of `siteUrl`. Ids minted while the
 * site's address was an example domain, and before any digest was sent, are nobody's yet: when
 * the address changes, they follow it (`tag:example.org,2025-01-06:slug` becomes
 * `tag:news.example.net,2025-01-06:slug`), dates and order kept. Once a digest went out, or
 * when the ids are at a real domain, they are permanent, and the map is returned as it is.
 */
export function rehostProvisionalIds(map: IdMap, siteUrl: string, anySent: boolean): IdMap {
  const host = new URL(siteUrl).hostname;
  const minted = hostOf(map.feed?.id);
  if (anySent || !minted || minted === host || !isExampleHost(minted)) return map;
  const move = (id: string) =>
    id.startsWith(`tag:${minted},`) ? `tag:${host},${id.slice(`tag:${minted},`.length)}` : id;
  return {
    feed: map.feed && { id: move(map.feed.id) },
    entries: new Map(
      [...map.entries].map(([path, record]) => [path, { ...record, id: move(record.id) }]),
    ),
  };
}

/** The host of a tag URI (`tag:host,date:specific`), or undefined for another kind of id. */
function hostOf(id: string | undefined): string | undefined {
  return id ? /^tag:([^,]+),/.exec(id)?.[1] : undefined;
}

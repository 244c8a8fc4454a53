import type { TimeZone } from './dates.ts';
import { type Candidate, type Identified, type IdMap, resolveIdentities } from './identity.ts';

/** The identities of a build's entries, drafts shown for a preview among them. */
export interface IdentifiedWithDrafts extends Identified {
  /** What the id map records: the published entries only, never a draft. */
  map: IdMap;
  /** The order of first appearance of every entry shown, the drafts' included. */
  order: IdMap;
}

/**
 * Gives the published entries their ids and dates as `resolveIdentities` does, and the drafts a
 * preview shows (`build --drafts`) theirs, without recording any draft. The id map written
 * holds only what was published: a draft is first seen (what `send` counts as new from) by the
 * first build in which it is no longer one, however many previews showed it before. A draft
 * that was published once gets its record's id and dates back; a new one keeps what
 * normalizing derived, and comes after the rest in the archive's order. Pure.
 */
export function resolveWithDrafts(
  published: Candidate[],
  drafts: Candidate[],
  previous: IdMap,
  siteHost: string,
  zone: TimeZone,
  now: string,
  times?: Map<string, number>,
): IdentifiedWithDrafts {
  const identified = resolveIdentities(published, previous, siteHost, zone, now, times);
  if (drafts.length === 0) return { ...identified, order: identified.map };
  // Against the records just made, the published entries come out as they did; the drafts'
  // records, and their first sightings, stay in this throwaway map.
  const shown = resolveIdentities(
    [...published, ...drafts],
    identified.map,
    siteHost,
    zone,
    now,
    times,
  );
  return {
    ...shown,
    map: identified.map,
    order: shown.map,
    idsMoved: identified.idsMoved || shown.idsMoved,
  };
}

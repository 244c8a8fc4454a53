import type { Entry } from '../entry.ts';
import type { SendState } from './state.ts';

export interface Selection {
  /** The entries of the next digest; none: nothing is new. */
  entries: Entry[];
  /** What "new" is counted from, for messages: the last send, or the first-send window. */
  since: string;
  /** Entries seen for the first time, but dated too long before: an imported archive. */
  tooOld: Entry[];
}

/**
 * The news of a send. An entry is news when it was never sent, its date has come, and either it
 * was published after the last send chose its entries, or it was not there then (so it appears
 * now) and is dated at most `windowDays` before now. An imported archive is not news, an
 * article that appears late with an earlier date is, and the first send takes the window.
 * Whether an entry was there at the last send is what the state's `seen` records: the
 * sightings of the sends are the ones that count, not those of builds in between.
 */
export function selectNews(
  entries: Entry[],
  state: SendState,
  now: Date,
  windowDays: number,
): Selection {
  const last = state.lastSend === undefined ? undefined : Date.parse(state.lastSend);
  const floor = now.getTime() - windowDays * 86_400_000;
  const sent = new Set(state.sent);
  const seen = new Set(state.seen);
  const news: Entry[] = [];
  const tooOld: Entry[] = [];
  for (const entry of entries) {
    const published = Date.parse(entry.published);
    if (sent.has(entry.id) || published > now.getTime()) continue;
    if (last !== undefined && published > last) news.push(entry);
    else if (seen.has(entry.id)) continue;
    else if (published >= floor) news.push(entry);
    else tooOld.push(entry);
  }
  return {
    entries: news,
    since: state.lastSend ?? new Date(floor).toISOString(),
    tooOld,
  };
}

/** The entries published since `since`, sent before or not (`send --since`). */
export function selectSince(entries: Entry[], since: Date): Selection {
  return {
    entries: entries.filter((e) => Date.parse(e.published) >= since.getTime()),
    since: since.toISOString(),
    tooOld: [],
  };
}

/**
 * The ids to remember as seen at this send: those present and not sent. Entries gone from the
 * articles are forgotten, so the list stays the size of the archive.
 */
export function seenNow(entries: Entry[], sent: Iterable<string>): string[] {
  const done = new Set(sent);
  return entries.map((e) => e.id).filter((id) => !done.has(id));
}

import type { Entry } from '../entry.ts';
import type { SendState } from './state.ts';

export interface Selection {
  /** The entries of the next digest; none: nothing is new. */
  entries: readonly Entry[];
  /** What "new" is counted from, for messages: the last send, or the first-send window. */
  since: string;
  /** Entries seen for the first time, but dated too long before: an imported archive. */
  tooOld: Entry[];
}

/**
 * The news of a send. An entry is news when it was never sent, its date has come, and either it
 * was published after the last send chose its entries, or it was first seen (first built as an
 * entry) after that and is dated at most `windowDays` before it was first seen. An imported
 * archive is not news, an article that appears late with an earlier date is, and the first send
 * takes the window before now. The id map records when each entry was first seen
 * (`firstSeen`); for an entry it recorded before it kept that date, the state's `seen` tells
 * whether it was there at the last send, and an entry that was not is taken as seen now.
 */
export function selectNews(
  entries: readonly Entry[],
  state: SendState,
  now: Date,
  windowDays: number,
  firstSeen: ReadonlyMap<string, string>,
): Selection {
  const last = state.lastSend === undefined ? undefined : Date.parse(state.lastSend);
  const window = windowDays * 86_400_000;
  const sent = new Set(state.sent);
  const seen = new Set(state.seen);
  const news: Entry[] = [];
  const tooOld: Entry[] = [];
  for (const entry of entries) {
    const published = Date.parse(entry.published);
    if (sent.has(entry.id) || published > now.getTime()) continue;
    if (last !== undefined && published > last) {
      news.push(entry);
      continue;
    }
    const recorded = firstSeen.get(entry.id);
    const sighted =
      last === undefined
        ? now.getTime()
        : recorded !== undefined
          ? Date.parse(recorded)
          : seen.has(entry.id)
            ? Number.NEGATIVE_INFINITY
            : now.getTime();
    // Seen at or before the last send: it was not news then, and is not now. First sightings
    // are written to the second: in the second of the last send, what it saw is the earlier.
    if (last !== undefined && (sighted < secondOf(last) || (sighted <= last && seen.has(entry.id))))
      continue;
    if (published >= sighted - window) news.push(entry);
    else tooOld.push(entry);
  }
  return {
    entries: news,
    since: state.lastSend ?? new Date(now.getTime() - window).toISOString(),
    tooOld,
  };
}

/** The start of the second an instant (milliseconds) falls in. */
const secondOf = (time: number) => Math.floor(time / 1000) * 1000;

/** The entries published since `since`, sent before or not (`send --since`). */
export function selectSince(entries: readonly Entry[], since: Date): Selection {
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
export function seenNow(entries: readonly Entry[], sent: Iterable<string>): string[] {
  const done = new Set(sent);
  return entries.map((e) => e.id).filter((id) => !done.has(id));
}

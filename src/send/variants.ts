import type { Entry } from '../entry.ts';
import { slugify } from '../normalize/ids.ts';
import type { Subscriber } from '../read/subscribers.ts';
import type { RenderedDigest } from '../render/digest.ts';

/**
 * Which digest a reader gets: the language they chose and the topics they follow. Readers of
 * one key get one digest, rendered once, then made theirs by their name and token.
 */
export function variantKey(reader: Pick<Subscriber, 'lang' | 'topics'>): string {
  return `${reader.lang ?? ''}|${[...(reader.topics ?? [])].sort().join(',')}`;
}

/** The language and topics a key stands for. */
function variantOf(key: string): { lang: string | undefined; topics: string[] } {
  const [lang = '', topics = ''] = key.split('|');
  return { lang: lang || undefined, topics: topics ? topics.split(',') : [] };
}

/** The entries a reader of these topics is sent: those with one of the topics; all for none. */
function entriesOfTopics(entries: readonly Entry[], topics: readonly string[]): Entry[] {
  if (topics.length === 0) return [...entries];
  const wanted = new Set(topics);
  return entries.filter((entry) => entry.tags.some((tag) => wanted.has(slugify(tag))));
}

/** The key of the publication's own digest: no language of the reader's, every topic. */
export const mainVariant = '|';

/** One digest of a send, and the readers it goes to. */
export interface DigestPlan<Digest extends RenderedDigest = RenderedDigest> {
  key: string;
  lang: string;
  topics: string[];
  /** None: nothing new in the readers' topics, and they are sent nothing. */
  digest: Digest | undefined;
  readers: Subscriber[];
}

/**
 * The digests of a send, one per variant its readers need. The publication's own (no language
 * chosen, or its language, and every topic) is `main`; the others are made by `render` (the
 * entries of the topics, in the language) unless `frozen` holds them from the send's first run.
 */
export async function planDigests<Digest extends RenderedDigest>(
  readers: readonly Subscriber[],
  {
    main,
    news,
    frozen,
    render,
  }: {
    main: Digest;
    news: readonly Entry[];
    frozen: Readonly<Record<string, Digest | null>>;
    render: (entries: readonly Entry[], lang: string | undefined) => Promise<Digest>;
  },
): Promise<DigestPlan<Digest>[]> {
  const groups = new Map<string, Subscriber[]>();
  for (const reader of readers) {
    const key = variantKey({
      lang: reader.lang === main.language ? undefined : reader.lang,
      topics: reader.topics,
    });
    const group = groups.get(key);
    if (group) group.push(reader);
    else groups.set(key, [reader]);
  }
  const plans: DigestPlan<Digest>[] = [];
  for (const [key, group] of groups) {
    const { lang, topics } = variantOf(key);
    let digest: Digest | undefined;
    if (key === mainVariant) digest = main;
    else if (key in frozen) digest = frozen[key] ?? undefined;
    else {
      const chosen = entriesOfTopics(news, topics);
      digest = chosen.length > 0 ? await render(chosen, lang) : undefined;
    }
    plans.push({ key, lang: lang ?? main.language, topics, digest, readers: group });
  }
  return plans;
}

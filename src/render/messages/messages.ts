/** The fixed words of the digest and feeds in one language. */
export interface Messages {
  /** BCP 47 locale used for dates, e.g. `fr-FR`. */
  locale: string;
  readMore: string;
  /** A colon as the language writes it after a label (French puts a space before it). */
  colon: string;
  /** `{minutes}` is replaced by the number. */
  readingTime: string;
  /** Heading over the items: `{count}` articles. */
  articleCount: { one: string; other: string };
  /** `{from}` and `{to}` are dates. */
  dateRange: string;
  source: string;
  tags: string;
  feedLink: string;
  footer: string;
  /** Label of the index page's box holding the feed address to copy into a feed reader. */
  feedUrlLabel: string;
  /** Shown on the index page when there are no entries. */
  noEntries: string;
  viewInBrowser: string;
  unsubscribe: string;
  /** The link to the reader's preferences (language, topics) at the subscription service. */
  preferences: string;
  /** The site's sign-up form (when the subscription service runs): heading, field, button. */
  signUpTitle: string;
  signUpEmail: string;
  signUpButton: string;
  /** After the items when the digest had to leave some out: `{count}` more. */
  andMore: { one: string; other: string };
  /** Opening line: `{name}` is the recipient's name. */
  greeting: string;
  /** Opening line when the recipient's name is unknown. */
  greetingNoName: string;
  /** Heading of the group of items with no tag. */
  otherTopics: string;
  /** An article page's first link, seen when tabbing: to the article, past the site's header. */
  skip: string;
  /** Label of an article page's links to the articles before and after it. */
  neighbours: string;
  /** `{date}` is the day of the last update. */
  updatedOn: string;
  /** `{name}` is the author's. */
  byline: string;
  /** A list page's first link, seen when tabbing: to the list, past the site's header. */
  skipToList: string;
  /** Label of a list's links to its other pages. */
  pages: string;
  /** Links to a list's page of newer, and of older, entries. */
  newer: string;
  older: string;
  /** `{page}` and `{pages}` are numbers. */
  pageOf: string;
  /** Heading of a tag's page: `{tag}` is its name. */
  tagPage: string;
  /** Link to a tag's own feed. */
  tagFeed: string;
  /** Heading and text of the page shown for an address that leads nowhere. */
  notFound: string;
  notFoundText: string;
  /** Heading of the list of the digests sent, and the line under it. */
  digestArchive: string;
  digestArchiveIntro: string;
  /** Link to the feed of the digests sent. */
  digestFeed: string;
  /** A sent digest's page: its first link, seen when tabbing, to the digest. */
  skipToDigest: string;
  /** `{date}` is the day the digest was sent. */
  digestSent: string;
  /** Heading of the list of the articles a sent digest held. */
  digestEntries: string;
  /** Link from a sent digest's page to the list of them all. */
  allDigests: string;
}

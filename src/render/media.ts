import type { EntryImage } from '../entry.ts';
import { textElement, type XmlElement } from './xml.ts';

/**
 * An entry's picture in Atom and RSS, as Media RSS writes it (the element feed readers take a
 * thumbnail from): `media:content` with its size when known and its alt text as description.
 */
export const mediaNamespace = 'http://search.yahoo.com/mrss/';

/** The namespace declaration a document needs when one of its entries has a picture. */
export function mediaAttributes(
  entries: readonly { image: EntryImage | null }[],
): Record<string, string> {
  return entries.some((entry) => entry.image) ? { 'xmlns:media': mediaNamespace } : {};
}

/** The entry's picture with an absolute URL (one written `//host/…` is not yet). */
export function pictureOf(entry: { image: EntryImage | null; url: string }): EntryImage | null {
  if (!entry.image) return null;
  try {
    return { ...entry.image, url: new URL(entry.image.url, entry.url).href };
  } catch {
    return null;
  }
}

export function mediaContent(image: EntryImage): XmlElement {
  const attributes: Record<string, string> = { url: image.url, medium: 'image' };
  if (image.type) attributes.type = image.type;
  if (image.length !== null) attributes.fileSize = String(image.length);
  if (image.width && image.height) {
    attributes.width = String(image.width);
    attributes.height = String(image.height);
  }
  return {
    name: 'media:content',
    attributes,
    children: image.alt ? [textElement('media:description', image.alt, { type: 'plain' })] : [],
  };
}

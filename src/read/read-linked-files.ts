import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { imageSizeFromFile } from 'image-size/fromFile';
import { mapLimit } from '../concurrency.ts';

/** A file of the input folder that an article links to or shows, as found on disk. */
export type LinkedFile =
  | {
      /** Its absolute path, which writing copies from. */
      source: string;
      size: number;
      mtimeMs: number;
      ino: number;
      type: string;
      /** A picture's size in pixels, as shown (turned as its EXIF orientation says). */
      width?: number | undefined;
      height?: number | undefined;
    }
  | { missing: true }
  | { refused: string };

/** A file of the input folder to publish, found on disk. */
export type PublishedFile = Extract<LinkedFile, { source: string }>;

/**
 * The kinds of file an article may publish, by extension, with their media type: pictures,
 * sound, video, and documents. Nothing else leaves the input folder: not its config, its
 * subscribers nor any page (HTML or SVG) that could run a script on the site.
 */
export const publishedTypes: ReadonlyMap<string, string> = new Map([
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.png', 'image/png'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.avif', 'image/avif'],
  ['.mp3', 'audio/mpeg'],
  ['.m4a', 'audio/mp4'],
  ['.ogg', 'audio/ogg'],
  ['.mp4', 'video/mp4'],
  ['.webm', 'video/webm'],
  ['.pdf', 'application/pdf'],
  ['.epub', 'application/epub+zip'],
  ['.odt', 'application/vnd.oasis.opendocument.text'],
  ['.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
  ['.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
]);

/** A picture's size as read, by its real path and its state then (the session's memo). */
export type PictureSizes = Map<string, { stamp: string; width?: number; height?: number }>;

/** Files looked up at once: a folder of pictures must not run out of file descriptors. */
const openAtOnce = 16;

/**
 * Looks up each file (paths relative to `input`, with `/`) that articles link to: what it is,
 * and a picture's size, read from its first bytes (or `sizes`, when the picture is as it was).
 * A file is refused when it, or what a link makes of it, is hidden (or in a hidden folder),
 * outside the folder, not a regular file, or of a kind Gazette does not publish.
 */
export async function readLinkedFiles(
  input: string,
  paths: Iterable<string>,
  sizes: PictureSizes = new Map(),
): Promise<Map<string, LinkedFile>> {
  const root = await realpath(input);
  const unique = [...new Set(paths)];
  const found = await mapLimit(unique, openAtOnce, (path) => readLinkedFile(root, path, sizes));
  return new Map(unique.map((path, i) => [path, found[i] as LinkedFile]));
}

async function readLinkedFile(
  root: string,
  path: string,
  sizes: PictureSizes,
): Promise<LinkedFile> {
  if (isHidden(path)) return { refused: 'a hidden file is not published' };
  let real: string;
  try {
    real = await realpath(join(root, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { refused: `it cannot be read (${code})` };
  }
  // What a link leads to is what would be published: judged as itself, not by the link's name.
  const inside = relative(root, real);
  if (inside.startsWith('..') || isAbsolute(inside))
    return { refused: 'it links to a place outside the input folder' };
  if (isHidden(inside.split(sep).join('/'))) return { refused: 'a hidden file is not published' };
  const type = publishedTypes.get(extname(real).toLowerCase());
  const stats = await stat(real);
  if (!stats.isFile()) return { refused: 'it is not a file' };
  if (!type) {
    return {
      refused: `a ${extname(real) || 'file without extension'} file is not published (pictures, sound, video, PDF and office documents are)`,
    };
  }
  const file = { source: real, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, type };
  if (!type.startsWith('image/')) return file;
  const stamp = `${stats.ino}\0${stats.size}\0${stats.mtimeMs}`;
  let size = sizes.get(real);
  if (size?.stamp !== stamp) {
    const read = await pictureSize(real);
    if (read.unreadable) return { refused: `it cannot be read (${read.unreadable})` };
    size = { stamp, ...read };
    sizes.set(real, size);
  }
  return { ...file, width: size.width, height: size.height };
}

/**
 * A picture's size as shown: turned as its EXIF orientation says. None when its bytes are not a
 * picture image-size reads; the system's refusal to read it is told.
 */
async function pictureSize(
  path: string,
): Promise<{ width?: number; height?: number; unreadable?: string }> {
  try {
    const size = await imageSizeFromFile(path);
    const turned = (size.orientation ?? 1) >= 5;
    return turned
      ? { width: size.height, height: size.width }
      : { width: size.width, height: size.height };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? { unreadable: code } : {};
  }
}

const isHidden = (path: string) => path.split('/').some((segment) => segment.startsWith('.'));

import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { imageSizeFromFile } from 'image-size/fromFile';

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

/**
 * Looks up each file (paths relative to `input`, with `/`) that articles link to: what it is,
 * and a picture's size, read from its first bytes. A file is refused when it is hidden (or in a
 * hidden folder), reached through a link out of the folder, not a regular file, or of a kind
 * Gazette does not publish.
 */
export async function readLinkedFiles(
  input: string,
  paths: Iterable<string>,
): Promise<Map<string, LinkedFile>> {
  const root = await realpath(input);
  const found = new Map<string, LinkedFile>();
  await Promise.all(
    [...new Set(paths)].map(async (path) => {
      found.set(path, await readLinkedFile(root, path));
    }),
  );
  return found;
}

async function readLinkedFile(root: string, path: string): Promise<LinkedFile> {
  if (path.split('/').some((segment) => segment.startsWith('.')))
    return { refused: 'a hidden file is not published' };
  const type = publishedTypes.get(extname(path).toLowerCase());
  let real: string;
  try {
    real = await realpath(join(root, path));
  } catch {
    return { missing: true };
  }
  if (!real.startsWith(root + sep))
    return { refused: 'it links to a place outside the input folder' };
  const stats = await stat(real);
  if (!stats.isFile()) return { refused: 'it is not a file' };
  if (!type) {
    return {
      refused: `a ${extname(path) || 'file without extension'} file is not published (pictures, sound, video, PDF and office documents are)`,
    };
  }
  const file = { source: real, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, type };
  if (!type.startsWith('image/')) return file;
  try {
    const size = await imageSizeFromFile(real);
    const turned = (size.orientation ?? 1) >= 5;
    return {
      ...file,
      width: turned ? size.height : size.width,
      height: turned ? size.width : size.height,
    };
  } catch {
    // A picture whose size cannot be read is still published, without a size.
    return file;
  }
}

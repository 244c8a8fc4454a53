import { cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GazetteError } from './errors.ts';

/** What a build writes: paths relative to the output folder, and their contents. */
export type OutputFiles = Map<string, string | Uint8Array>;

/**
 * Replaces the output folder with `files` as one step: everything is written to a folder
 * beside it, which is then renamed into place. Until then the previous output is untouched; a
 * build that fails or is stopped leaves it as it was. Node has no atomic exchange of two
 * folders, so the swap is two renames: the old folder goes aside, the new one takes its place.
 * A build stopped in the microseconds between them leaves the old output aside, and the next
 * command puts it back. Hidden files at the top of the old folder (`.gitkeep`) are carried over.
 */
export async function writeOutput(
  outDir: string,
  files: OutputFiles,
  displayOut: string,
): Promise<void> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  const stage = join(parent, `.out-${name}-${process.pid}-${Date.now().toString(36)}`);
  const previous = join(parent, `.out-${name}-previous`);
  try {
    await restoreInterrupted(outDir, previous);
    await removeStale(parent, name);
    await mkdir(stage, { recursive: true });
    for (const [path, content] of files) {
      const target = join(stage, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    const existing = await readdir(outDir).catch(() => [] as string[]);
    for (const hidden of existing.filter((f) => f.startsWith('.'))) {
      await cp(join(outDir, hidden), join(stage, hidden), { recursive: true });
    }
    if (await exists(outDir)) await rename(outDir, previous);
    await rename(stage, outDir);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    await restoreInterrupted(outDir, previous).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new GazetteError('OutputNotWritable', `cannot write the output folder (${code})`, {
      file: displayOut,
    });
  }
}

/** Folders a stopped build was writing: never used again. */
async function removeStale(parent: string, name: string): Promise<void> {
  const prefix = `.out-${name}-`;
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(prefix) && /^\d+-[0-9a-z]+$/.test(entry.slice(prefix.length))) {
      await rm(join(parent, entry), { recursive: true, force: true });
    }
  }
}

/** A build stopped between its two renames leaves the old output aside: put it back. */
async function restoreInterrupted(outDir: string, previous: string): Promise<void> {
  if (!(await exists(outDir)) && (await exists(previous))) await rename(previous, outDir);
  else await rm(previous, { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

import {
  appendFile,
  constants,
  copyFile,
  mkdir,
  readdir,
  readFile,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { type Config, defaultTemplates } from './config.ts';
import { GazetteError } from './errors.ts';
import { defaultDatabaseFile } from './subscriptions/schema.ts';
import { temporarySuffix } from './write/atomic-file.ts';

/** The starter config: placeholders to replace, but valid as it is, so that a build works at once. */
export const starterConfig = {
  title: 'Ma Gazette',
  subtitle: 'Les nouvelles de la semaine',
  siteUrl: 'https://example.org/',
  author: { name: 'La rédaction', email: 'redaction@example.org' },
  language: 'fr',
  timeZone: 'Europe/Paris',
  digest: {
    title: 'La lettre de Ma Gazette',
    limit: 10,
    contact: 'Ma Gazette · 1 rue de l’Exemple, 75000 Paris · redaction@example.org',
  },
  sender: 'Ma Gazette <lettre@example.org>',
  // Where `gazette listen` answers, behind the site's reverse proxy: the pages' sign-up form
  // posts there, and the digests' unsubscribe and preferences links lead there.
  subscriptions: { url: 'https://example.org/subscriptions/' },
} satisfies Config;

const sampleArticle = `---
title: "La médiathèque du quartier ouvre désormais le dimanche"
date: "2025-01-06T09:00:00+01:00"
tags: ["culture", "quartier"]
---

À partir du 12 janvier, la médiathèque Jean-Moulin accueillera le public chaque dimanche de
14 heures à 18 heures. Cette ouverture, demandée depuis longtemps par les familles et les
étudiants, a été rendue possible par le recrutement de deux bibliothécaires et par le soutien
de l’association des amis de la médiathèque, qui assurera l’accueil une semaine sur deux.

Les premiers dimanches seront consacrés à la lecture à voix haute pour les enfants, à un atelier
d’initiation à la recherche documentaire et à une exposition de photographies anciennes du
quartier prêtées par les habitants. La municipalité dressera un premier bilan au printemps, en
fonction de la fréquentation et des avis recueillis à l’accueil.
`;

/**
 * What Git should leave out: the output (with the folders and lock file beside it, `.out-*`),
 * the cache, temporary files, lock files, and the readers' store, which holds personal data.
 */
const ignoredPaths = [
  'out/*',
  '.out-*',
  '.gazette-cache/',
  `*${temporarySuffix}`,
  '.gazette-*.lock',
  // The readers' store holds personal data, and its journal files beside it.
  `${defaultDatabaseFile}*`,
];

const templateFiles = ['digest.mjml.hbs', 'digest.txt.hbs'];

/**
 * Makes a working Gazette project in `dir` (created if needed): a config, a sample article in
 * `seeds/`, a copy of the digest templates to customise, and a `.gitignore`. Refuses a folder
 * that already holds anything but hidden files, so that nothing of the user's is overwritten.
 * Returns the paths created, relative to `dir`.
 */
export async function initProject(dir: string): Promise<{ created: string[] }> {
  await assertEmpty(dir);
  await mkdir(join(dir, 'seeds'), { recursive: true });
  await mkdir(join(dir, 'templates'), { recursive: true });
  const created: string[] = [];
  const create = async (path: string, text: string) => {
    // `wx`: a file that appeared since the emptiness check is never overwritten.
    await writeFile(join(dir, path), text, { flag: 'wx' });
    created.push(path);
  };
  await create('gazette.config.json', `${JSON.stringify(starterConfig, null, 2)}\n`);
  await create('seeds/2025-01-06-mediatheque-le-dimanche.md', sampleArticle);
  for (const name of templateFiles) {
    const path = `templates/${name}`;
    await copyFile(join(defaultTemplates, name), join(dir, path), constants.COPYFILE_EXCL);
    created.push(path);
  }
  if (await addIgnoredPaths(join(dir, '.gitignore'))) created.push('.gitignore');
  return { created };
}

async function assertEmpty(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') {
      throw new GazetteError('InitNotEmpty', 'this is a file, not a folder', { file: dir });
    }
    throw error;
  }
  const visible = names.filter((name) => !name.startsWith('.')).sort();
  if (visible.length > 0) {
    const shown = visible.slice(0, 3).join(', ') + (visible.length > 3 ? ', …' : '');
    throw new GazetteError('InitNotEmpty', `the folder is not empty (it holds ${shown})`, {
      file: dir,
    });
  }
}

/**
 * Writes `.gitignore`, or adds the missing lines to one already there (a hidden file is allowed
 * in the folder, and the user's own lines are kept). True when the file was created.
 */
async function addIgnoredPaths(path: string): Promise<boolean> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === undefined) {
    await writeFile(path, `${ignoredPaths.join('\n')}\n`, { flag: 'wx' });
    return true;
  }
  const present = new Set(current.split(/\r?\n/).map((line) => line.trim()));
  const missing = ignoredPaths.filter((line) => !present.has(line));
  if (missing.length > 0) {
    const separator = current === '' || current.endsWith('\n') ? '' : '\n';
    await appendFile(path, `${separator}${missing.join('\n')}\n`);
  }
  return false;
}

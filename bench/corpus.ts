import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A corpus of `count` real-length French articles made by recombining the articles of
 * OrangeSum: each takes the sentences of one article, with a paragraph from another shuffled
 * in, a varied date, and (for one in three) front matter with a title and tags.
 */
export async function writeCorpus(source: string, folder: string, count: number): Promise<void> {
  const texts = (await readFile(source, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { text: string; title: string });
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const tags = [
    'politique',
    'économie',
    'société',
    'Europe',
    'santé',
    'climat',
    'sport',
    'culture',
  ];
  await mkdir(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const base = pick(texts);
    const other = pick(texts);
    const sentences = base.text.split(/(?<=[.!?])\s+/);
    const extra = other.text
      .split(/(?<=[.!?])\s+/)
      .slice(0, 3)
      .join(' ');
    const cut = Math.max(1, Math.floor(sentences.length / 2));
    const paragraphs = [
      sentences.slice(0, cut).join(' '),
      extra,
      sentences.slice(cut).join(' '),
    ].filter(Boolean);
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 1800) * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    const name = `${date}-article-${String(i).padStart(6, '0')}`;
    const body = paragraphs.join('\n\n');
    const text =
      i % 3 === 0
        ? `---\ntitle: ${JSON.stringify(`${base.title} (${i})`)}\ntags: [${pick(tags)}, ${pick(tags)}]\n---\n${body}\n`
        : `${body}\n`;
    await writeFile(join(folder, `${name}${i % 3 === 0 ? '.md' : '.txt'}`), text);
  }
}

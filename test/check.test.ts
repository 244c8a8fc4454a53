import assert from 'node:assert/strict';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../src/check.ts';
import { defaultTemplates } from '../src/config.ts';
import { baseConfig, fixtures, makeProject, root, snapshot } from './helpers.ts';

// Far ahead, so that no article (copied today, dated by its modification time) is scheduled.
const deps = { now: () => new Date('2100-01-01T00:00:00Z') };

describe('check', () => {
  it('lists every invalid article by name and file, and writes nothing', async () => {
    const project = await makeProject(join(fixtures, 'invalid-articles'));
    const before = await snapshot(project);
    const report = await check({ cwd: project, input: 'articles' }, deps);
    assert.deepEqual(await snapshot(project), before);
    assert.equal(report.ok, false);
    assert.equal(report.config, 'gazette.config.json');
    assert.equal(report.input, 'articles');
    assert.equal(report.entries, 1);
    const problems = report.errors
      .map((e) => `${e.name} ${e.file}${e.line ? `:${e.line}` : ''}`)
      .sort();
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /^ArticleEmpty articles\/empty\.txt$/);
    assert.match(problems[1] ?? '', /^FrontMatterInvalid articles\/wrong-type\.md:3$/);
    assert.match(problems[2] ?? '', /^FrontMatterSyntax articles\/bad-yaml\.md:\d+$/);
    for (const error of report.errors) assert.ok(error.message.length > 0);
    assert.ok(report.warnings.every((w) => !w.message.startsWith('left out:')));
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  });

  it('passes the seeds, and writes nothing (no output, id map or cache)', async () => {
    const project = await makeProject(join(root, 'seeds'));
    const before = await snapshot(project);
    const report = await check({ cwd: project, input: 'articles' }, deps);
    assert.deepEqual(await snapshot(project), before);
    assert.deepEqual(report.errors, []);
    assert.equal(report.ok, true);
    assert.equal(report.entries, 2);
  });

  it('stops at a config error, with that one error', async () => {
    const project = await makeProject(join(root, 'seeds'), { ...baseConfig, siteUrl: 'x' });
    const report = await check({ cwd: project, input: 'articles' }, deps);
    assert.equal(report.ok, false);
    assert.equal(report.entries, 0);
    assert.deepEqual(
      report.errors.map((e) => [e.name, e.file]),
      [['ConfigInvalid', 'gazette.config.json']],
    );
    assert.match(report.errors[0]?.message ?? '', /^siteUrl: /);
  });

  it('reports a missing input folder, a broken template, and warnings under --strict', async () => {
    const project = await makeProject(join(root, 'seeds'));
    const missing = await check({ cwd: project, input: 'nowhere' }, deps);
    assert.deepEqual(
      missing.errors.map((e) => e.name),
      ['InputNotFound'],
    );

    await mkdir(join(project, 'broken'));
    await cp(join(defaultTemplates, 'digest.txt.hbs'), join(project, 'broken', 'digest.txt.hbs'));
    await writeFile(join(project, 'broken', 'digest.mjml.hbs'), '<mjml><mj-body>{{#each}}');
    const broken = await check({ cwd: project, input: 'articles', templates: 'broken' }, deps);
    assert.equal(broken.ok, false);
    assert.deepEqual(
      broken.errors.map((e) => e.name),
      ['TemplateInvalid'],
    );
    assert.equal(broken.entries, 2);

    // Valid Handlebars, but MJML's strict validation rejects an attribute.
    await writeFile(
      join(project, 'broken', 'digest.mjml.hbs'),
      '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text colour="red">{{subject}}</mj-text>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>\n',
    );
    const invalid = await check({ cwd: project, input: 'articles', templates: 'broken' }, deps);
    assert.deepEqual(
      invalid.errors.map((e) => [e.name, e.line, e.message]),
      [['TemplateInvalid', 5, 'MJML: mj-text: Attribute colour is illegal']],
    );

    await writeFile(join(project, 'articles', 'notes.html'), 'pas un article');
    const lenient = await check({ cwd: project, input: 'articles' }, deps);
    assert.equal(lenient.ok, true);
    assert.deepEqual(lenient.warnings, [
      { file: 'articles/notes.html', message: lenient.warnings[0]?.message },
    ]);
    const strict = await check({ cwd: project, input: 'articles', strict: true }, deps);
    assert.equal(strict.ok, false);
    assert.deepEqual(strict.errors, []);
  });
});

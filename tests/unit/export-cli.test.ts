/** `npx lanemap`: exports of a template and of a written file, and clear errors with exit code 1. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../shared/export/csv';
import { parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import { salesMap } from '../support/builders';
import { svgTexts, xmlError } from '../support/exportSvg';
import { removeTempDirs, tempDir } from '../support/library';

afterAll(() => removeTempDirs());

/** Runs bin/lanemap.mjs with the project's Node (the one running these tests: 22 via npm/npx). */
function lanemap(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/lanemap.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = tempDir();
const mapFile = path.join(dir, 'Воронка.lanemap.json');
fs.writeFileSync(mapFile, toLanemapJson(salesMap('c'), { exportedAt: '2026-03-05T12:00:00.000Z' }));

describe('lanemap CLI', () => {
  test('given a map that reads top to bottom, the drawing is laid out left to right and says so', () => {
    const down = path.join(dir, 'Сверху вниз.lanemap.json');
    fs.writeFileSync(down, toLanemapJson({ ...salesMap('d'), direction: 'down' }, { exportedAt: '2026-03-05T12:00:00.000Z' }));
    const out = path.join(dir, 'down.svg');
    const r = lanemap('export', down, '--format', 'svg', '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain('top to bottom');
    expect(xmlError(fs.readFileSync(out, 'utf8'))).toBeNull();
  });

  test('given "templates", then it lists template:sample-sales-map', () => {
    const r = lanemap('templates');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^template:sample-sales-map\t/m);
  });

  test('given the process landscape template (which carries links to its sub-process maps), it is listed by title and exported', () => {
    const list = lanemap('templates');
    expect(list.out).not.toContain('(invalid template)');
    expect(list.out).toMatch(/^template:process-landscape\.ru\tОтдел продаж: ландшафт процессов$/m);
    const out = path.join(dir, 'ландшафт.svg');
    const r = lanemap('export', 'template:process-landscape.ru', '--format', 'svg', '--out', out);
    expect(r.code).toBe(0);
    const svg = fs.readFileSync(out, 'utf8');
    expect(xmlError(svg)).toBeNull();
    expect(svgTexts(svg).join(' ')).toContain('Квалификация лидов');
  });

  test.each(['template:sample-sales-map', mapFile])('given %s, when exported to svg, png, csv and json, then each file is right', (source) => {
    const out = (ext: string) => path.join(dir, `out-${path.basename(source).replace(/\W/g, '')}.${ext}`);
    const svg = lanemap('export', source, '--format', 'svg', '--out', out('svg'), '--details');
    expect(svg).toMatchObject({ code: 0, err: '' });
    const text = fs.readFileSync(out('svg'), 'utf8');
    expect(xmlError(text)).toBeNull();
    expect(text).toContain('@font-face');
    expect(svgTexts(text).length).toBeGreaterThan(5);

    expect(lanemap('export', source, '--format', 'png', '--out', out('png'), '--scale', '1', '--transparent').code).toBe(0);
    const png = fs.readFileSync(out('png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // the PNG is the plain drawing (details lay the map out anew, so compare with a plain SVG)
    expect(lanemap('export', source, '--format', 'svg', '--out', out('plain.svg')).code).toBe(0);
    const width = Number(/width="(\d+)"/.exec(fs.readFileSync(out('plain.svg'), 'utf8'))![1]);
    expect(png.readUInt32BE(16)).toBe(width);

    expect(lanemap('export', source, '--out', out('csv')).code).toBe(0); // format from the extension
    expect(parseCsv(fs.readFileSync(out('csv'), 'utf8')).length).toBeGreaterThan(3);

    expect(lanemap('export', source, '--format', 'json', '--out', out('json')).code).toBe(0);
    expect(parseLanemapJson(fs.readFileSync(out('json'), 'utf8')).ok).toBe(true);
  });

  test.each([
    ['a missing file', ['export', path.join(dir, 'nope.lanemap.json'), '--out', path.join(dir, 'x.svg')], /No such file/],
    ['a bad file', ['export', path.join(dir, 'bad.lanemap.json'), '--out', path.join(dir, 'x.svg')], /not valid JSON|cut off/],
    ['an unknown template', ['export', 'template:nope', '--out', path.join(dir, 'x.svg')], /Unknown template "nope"/],
    ['a template path escape', ['export', 'template:../package', '--out', path.join(dir, 'x.svg')], /Unknown template/],
    ['an unknown format', ['export', 'template:sample-sales-map', '--format', 'gif', '--out', path.join(dir, 'x.gif')], /Unknown format "gif"/],
    ['a bad scale', ['export', 'template:sample-sales-map', '--scale', '7', '--out', path.join(dir, 'x.png')], /--scale must be 1, 2 or 3/],
    ['no --out', ['export', 'template:sample-sales-map', '--format', 'svg'], /--out FILE is missing/],
    ['a folder that does not exist', ['export', 'template:sample-sales-map', '--out', path.join(dir, 'no/such/x.svg')], /Cannot write .*folder does not exist/],
    ['an unknown command', ['print'], /Unknown command "print"/],
  ])('given %s, then it exits 1 with one clear line and no stack trace', (_, args, message) => {
    fs.writeFileSync(path.join(dir, 'bad.lanemap.json'), '{"format":"lanemap","schemaVersion":1,"map":{');
    const r = lanemap(...args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/^lanemap: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

/**
 * The library's map pictures (src-main/thumbnail/draw.ts, src-main/storage/thumbnails.ts,
 * `maps:thumbnail`): a small PNG that looks like the map (lanes in their colours, steps where
 * they are), drawn once per revision of the map and kept with it, gone with the map, not counted
 * as a change of the library by the backups, and a library of the previous schema keeps its
 * maps and gets pictures.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { dispatch } from '../../src-main/services/dispatch';
import { createBackupScheduler } from '../../src-main/storage/backups';
import { openLibrary } from '../../src-main/storage/database';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { createThumbnailCache } from '../../src-main/storage/thumbnails';
import { drawThumbnail, THUMBNAIL } from '../../src-main/thumbnail/draw';
import { encodePng } from '../../src-main/thumbnail/png';
import { PNG } from 'pngjs';
import { buildMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, tempDir } from '../support/library';
import { randomMap } from '../support/randomMaps';

afterEach(() => removeTempDirs());

/** A PNG read back by a decoder (pngjs): its size and RGB pixels. */
function decodePng(png: Buffer): { width: number; height: number; at(x: number, y: number): [number, number, number] } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const img = PNG.sync.read(png);
  return {
    width: img.width,
    height: img.height,
    at: (x, y) => {
      const k = (y * img.width + x) * 4;
      return [img.data[k]!, img.data[k + 1]!, img.data[k + 2]!];
    },
  };
}

/** Which of red, green, blue is strongest in a pixel (or 'grey' when none stands out). */
function hue([r, g, b]: [number, number, number]): 'red' | 'green' | 'blue' | 'grey' {
  const max = Math.max(r, g, b);
  if (max - Math.min(r, g, b) < 6) return 'grey';
  return max === r ? 'red' : max === g ? 'green' : 'blue';
}

/** Two lanes (red over blue), one step in each, far apart along the flow. */
function twoLaneMap(): MapDoc {
  return buildMap({
    id: 'two-lanes',
    title: 'Воронка',
    roles: [
      { id: 'r', name: 'Менеджер', color: '#e53935' },
      { id: 'b', name: 'Клиент', color: '#1e63d6' },
    ],
    steps: [
      { id: 'a', role: 'r', title: 'Звонок', x: 0, y: 40 },
      { id: 'z', role: 'b', title: 'Договор', x: 1400, y: 40 },
    ],
    flows: [{ from: 'a', to: 'z' }],
  });
}

describe('the picture', () => {
  test('is a PNG within 320 × 180 CSS pixels at 2 device pixels each, filling the box one way', () => {
    for (const doc of [twoLaneMap(), randomMap({ seed: 7, steps: 300, lanes: 6, phases: 5 })]) {
      const t = drawThumbnail(doc);
      const img = decodePng(t.png);
      expect([img.width, img.height]).toEqual([t.width, t.height]);
      expect(img.width).toBeLessThanOrEqual(THUMBNAIL.width * THUMBNAIL.density);
      expect(img.height).toBeLessThanOrEqual(THUMBNAIL.height * THUMBNAIL.density);
      // one side fills the box
      expect(img.width === 640 || img.height === 360).toBe(true);
      // a few kilobytes, whatever the size of the map
      expect(t.png.length).toBeLessThan(80_000);
    }
  });

  test('shows the lanes in their colours, top to bottom, and each step where it is in its lane', () => {
    const img = decodePng(drawThumbnail(twoLaneMap()).png);
    // a wide map: wider than tall
    expect(img.width).toBeGreaterThan(img.height);
    // the lanes' bands: red tint in the top half, blue tint in the bottom half (at the middle, between the steps)
    const mid = Math.round(img.width * 0.6);
    expect(hue(img.at(mid, Math.round(img.height * 0.1)))).toBe('red');
    expect(hue(img.at(mid, Math.round(img.height * 0.9)))).toBe('blue');
    // the first step, in the red lane near the left, is drawn: its bar in the role's colour, strong
    const column = (x0: number, x1: number, y0: number, y1: number) => {
      const seen: [number, number, number][] = [];
      for (let x = x0; x < x1; x++) for (let y = y0; y < y1; y++) seen.push(img.at(x, y));
      return seen;
    };
    const strong = (px: [number, number, number][], want: 'red' | 'blue') => px.some((p) => hue(p) === want && Math.min(...p) < 120);
    const half = Math.floor(img.height / 2);
    // (the lane names' column, with each lane's colour bar, is the first tenth of this map's width)
    const left = Math.round(img.width * 0.1);
    expect(strong(column(0, left, 0, half), 'red')).toBe(true);
    expect(strong(column(0, left, half, img.height), 'blue')).toBe(true);
    expect(strong(column(left, Math.round(img.width * 0.3), 0, half), 'red')).toBe(true);
    expect(strong(column(left, Math.round(img.width * 0.3), half, img.height), 'blue')).toBe(false);
    // the last step, in the blue lane near the right
    expect(strong(column(Math.round(img.width * 0.7), img.width, half, img.height), 'blue')).toBe(true);
    expect(strong(column(Math.round(img.width * 0.7), img.width, 0, half), 'red')).toBe(false);
  });

  test('a top-to-bottom map is drawn standing up: its lanes side by side', () => {
    const doc = { ...twoLaneMap(), direction: 'down' as const };
    const img = decodePng(drawThumbnail(doc).png);
    expect(img.height).toBeGreaterThan(img.width);
    const mid = Math.round(img.height * 0.6);
    expect(hue(img.at(Math.round(img.width * 0.1), mid))).toBe('red');
    expect(hue(img.at(Math.round(img.width * 0.9), mid))).toBe('blue');
  });

  test('a map with lanes but no steps yet still gets its lanes (blue over green); 2,000 steps make a picture as small as any, not a sliver', () => {
    const empty = buildMap({ roles: [{ id: 'r' }, { id: 'c' }] });
    const lanes = decodePng(drawThumbnail(empty).png);
    expect(hue(lanes.at(Math.round(lanes.width / 2), Math.round(lanes.height * 0.25)))).toBe('blue');
    expect(hue(lanes.at(Math.round(lanes.width / 2), Math.round(lanes.height * 0.75)))).toBe('green');
    // not even a lane: a blank picture of an empty lane's proportions, not a sliver
    const nothing = drawThumbnail(buildMap({}));
    expect(nothing.height).toBeGreaterThan(100);
    const big = drawThumbnail(randomMap({ seed: 15, steps: 2000, lanes: 6, phases: 7 }));
    expect(big.width).toBe(640);
    // far longer than tall: its start, filling the box across its lanes, not a sliver
    expect(big.height).toBe(360);
    expect(big.png.length).toBeLessThan(80_000);
  });

  test('a map far wider than the card shows its start at a readable scale: lanes and steps fill most of the height', () => {
    const wide = randomMap({ seed: 7, steps: 450, lanes: 5, phases: 6 });
    const t = drawThumbnail(wide);
    const img = decodePng(t.png);
    expect([img.width, img.height]).toEqual([THUMBNAIL.width * THUMBNAIL.density, THUMBNAIL.height * THUMBNAIL.density]);
    // rows that have something other than white (a lane's tint, a step) cover most of the height
    let rows = 0;
    let strongPixels = 0;
    for (let y = 0; y < img.height; y++) {
      let drawn = false;
      for (let x = 0; x < img.width; x++) {
        const p = img.at(x, y);
        if (p.some((v) => v < 250)) drawn = true;
        if (Math.min(...p) < 150) strongPixels++;
      }
      if (drawn) rows++;
    }
    expect(rows / img.height).toBeGreaterThan(0.9);
    // steps are drawn big enough to see: their borders and role bars make many strong pixels, not specks
    expect(strongPixels).toBeGreaterThan(800);
  });

  test('the PNG writer refuses an impossible picture', () => {
    expect(() => encodePng(0, 10, new Uint8Array(0))).toThrow();
    expect(() => encodePng(2, 2, new Uint8Array(5))).toThrow();
  });
});

describe('the cache', () => {
  function library() {
    const lib = openTempLibrary();
    const stored = storeMap(lib.services, twoLaneMap());
    const draws: string[] = [];
    const cache = createThumbnailCache(lib.db, createMapRepository(lib.db), (doc) => {
      draws.push(doc.id);
      return drawThumbnail(doc);
    });
    const rows = () => lib.db.prepare('SELECT map_id AS mapId, revision FROM map_thumbnails ORDER BY map_id').all();
    return { lib, stored, draws, cache, rows };
  }

  test('the first request draws and keeps the picture; while the map is unchanged it is given as kept', () => {
    const { lib, stored, draws, cache, rows } = library();
    const first = cache.thumbnail(stored.id);
    const revision = call(lib.services, 'maps:state', { id: stored.id }).revision;
    expect(first.revision).toBe(revision);
    expect(rows()).toEqual([{ mapId: stored.id, revision }]);
    const again = cache.thumbnail(stored.id);
    expect(draws).toEqual([stored.id]);
    expect(again.png.equals(first.png)).toBe(true);
  });

  test('an edit of the map (a new revision) draws it again, showing the edit', () => {
    const { lib, stored, draws, cache, rows } = library();
    const before = cache.thumbnail(stored.id);
    // the step «Договор» moves from the blue lane to the red one
    const now = call(lib.services, 'maps:get', { id: stored.id });
    const moved = structuredClone(now);
    moved.steps.z!.roleId = 'r';
    const { revision } = call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(now, moved) });
    const after = cache.thumbnail(stored.id);
    expect(draws).toEqual([stored.id, stored.id]);
    expect(after.revision).toBe(revision);
    expect(after.png.equals(before.png)).toBe(false);
    expect(rows()).toEqual([{ mapId: stored.id, revision }]);
    // and the new picture is kept in turn
    cache.thumbnail(stored.id);
    expect(draws).toHaveLength(2);
  });

  test('a picture kept by an older drawing (another style) is drawn again', () => {
    const { lib, stored, draws, cache } = library();
    cache.thumbnail(stored.id);
    lib.db.prepare('UPDATE map_thumbnails SET style = style - 1').run();
    cache.thumbnail(stored.id);
    expect(draws).toHaveLength(2);
  });

  test('a deleted map’s picture goes with it, and asking for it says the map is gone', () => {
    const { lib, stored, cache, rows } = library();
    cache.thumbnail(stored.id);
    call(lib.services, 'maps:delete', { id: stored.id });
    expect(rows()).toEqual([]);
    const reply = dispatch(lib.services, 'maps:thumbnail', { id: stored.id });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found', message: 'This map no longer exists.' } });
    expect(rows()).toEqual([]);
  });

  test('over the contract: base64 of the PNG, its size and revision; bad ids are refused', () => {
    const { lib, stored } = library();
    const t = call(lib.services, 'maps:thumbnail', { id: stored.id });
    const img = decodePng(Buffer.from(t.png, 'base64'));
    expect([img.width, img.height]).toEqual([t.width, t.height]);
    for (const bad of [{}, { id: '../etc' }, { id: 5 }, { id: stored.id, size: 'big' }]) {
      expect(dispatch(lib.services, 'maps:thumbnail', bad)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
  });

  test('a picture is not an edit: the rolling backups take no copy for it', () => {
    const { lib, stored, cache } = library();
    const backups = createBackupScheduler({ db: lib.db, file: lib.file });
    expect(backups.backupNow()).toBeTruthy();
    cache.thumbnail(stored.id);
    expect(backups.atQuit()).toBeNull();
    // an edit still counts
    call(lib.services, 'maps:rename', { id: stored.id, title: 'Воронка 2' });
    expect(backups.atQuit()).not.toBeNull();
  });

  test('a restored backup’s maps are drawn again (their revisions moved on), showing the restored map', () => {
    const { lib, stored, cache } = library();
    const backups = createBackupScheduler({ db: lib.db, file: lib.file });
    const picture = cache.thumbnail(stored.id);
    const copy = backups.backupNow();
    // the map changes after the copy, and its new picture is kept
    const now = call(lib.services, 'maps:get', { id: stored.id });
    const changed = structuredClone(now);
    delete changed.steps.z;
    changed.flows = {};
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(now, changed) });
    expect(cache.thumbnail(stored.id).png.equals(picture.png)).toBe(false);

    backups.restore(copy.path);
    const restored = cache.thumbnail(stored.id);
    expect(restored.revision).toBe(call(lib.services, 'maps:state', { id: stored.id }).revision);
    expect(restored.png.equals(picture.png)).toBe(true);
  });

  test('a read-only library still gives the picture (drawn each time, never failing the request)', () => {
    const { lib, stored } = library();
    const file = lib.file;
    lib.close();
    const { db } = openLibrary(file);
    db.close();
    const ro = new Database(file, { readonly: true });
    const cache = createThumbnailCache(ro, createMapRepository(ro));
    expect(cache.thumbnail(stored.id).width).toBeGreaterThan(0);
    ro.close();
  });
});

describe('migration 7', () => {
  test('a library of schema 6 keeps its maps, and they get pictures', () => {
    const file = path.join(tempDir(), 'lanemap.sqlite');
    const v6 = openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version <= 6),
    ).db;
    // written as Lanemap of schema 6 wrote it (today's repository knows later tables)
    const doc = twoLaneMap();
    v6.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at) VALUES ('two-lanes', 'Воронка', '', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      INSERT INTO roles (id, map_id, name, color, position) VALUES ('r', 'two-lanes', 'Менеджер', '#e53935', 0), ('b', 'two-lanes', 'Клиент', '#1e63d6', 1);
      INSERT INTO steps (id, map_id, role_id, kind, title, x, y) VALUES ('a', 'two-lanes', 'r', 'task', 'Звонок', 0, 40), ('z', 'two-lanes', 'b', 'task', 'Договор', 1400, 40);
      INSERT INTO flows (id, map_id, from_step_id, to_step_id, label) VALUES ('f', 'two-lanes', 'a', 'z', '');
    `);
    v6.close();

    const { db, backupPath } = openLibrary(file);
    try {
      expect(backupPath && fs.existsSync(backupPath)).toBeTruthy();
      expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
      const repo = createMapRepository(db);
      const read = repo.read(doc.id);
      expect(Object.values(read.roles).sort((x, y) => x.order - y.order).map((r) => r.name)).toEqual(['Менеджер', 'Клиент']);
      expect(Object.values(read.steps).sort((x, y) => x.x - y.x).map((st) => [st.title, st.roleId, st.x, st.y])).toEqual([
        ['Звонок', 'r', 0, 40],
        ['Договор', 'b', 1400, 40],
      ]);
      expect(Object.values(read.flows).map((f) => [f.fromStepId, f.toStepId])).toEqual([['a', 'z']]);
      expect(repo.list().map((m) => m.title)).toEqual(['Воронка']);
      const t = createThumbnailCache(db, repo).thumbnail(doc.id);
      expect(decodePng(t.png).width).toBe(t.width);
      expect(db.prepare('SELECT COUNT(*) FROM map_thumbnails').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});

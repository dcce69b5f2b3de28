/**
 * The library's map pictures (src-main/thumbnail/draw.ts), kept in `map_thumbnails` with the
 * map's revision they were drawn from: drawn on the first request, then given as stored while
 * the map's revision (every write raises it) and the drawing's style are unchanged. A picture
 * goes with its map (ON DELETE CASCADE), and backups copy it like any table (a restore raises
 * every revision, so restored pictures are drawn again).
 *
 * Storing a picture is not a change of the library: it never fails the request (a read-only or
 * busy library just draws again next time), and the rolling backups do not count it
 * (`thumbnailWrites`).
 */
import { drawThumbnail, THUMBNAIL_STYLE } from '../thumbnail/draw';
import type { Db } from './database';
import type { MapRepository } from './mapRepository';

export interface StoredThumbnail {
  png: Buffer;
  /** Device pixels. */
  width: number;
  height: number;
  /** The map's revision the picture shows. */
  revision: number;
}

/** Rows written to `map_thumbnails` by each connection: backups.ts leaves them out of "the library changed". */
const writes = new WeakMap<Db, number>();
export function thumbnailWrites(db: Db): number {
  return writes.get(db) ?? 0;
}

/** How long storing a picture waits for another Lanemap's write before giving up (drawn again next time). */
const STORE_WAIT_MS = 200;

export function createThumbnailCache(db: Db, maps: MapRepository, draw = drawThumbnail) {
  const q = {
    get: db.prepare('SELECT revision, style, width, height, png FROM map_thumbnails WHERE map_id = ?'),
    put: db.prepare(`
      INSERT INTO map_thumbnails (map_id, revision, style, width, height, png)
      SELECT @mapId, @revision, @style, @width, @height, @png WHERE EXISTS (SELECT 1 FROM maps WHERE id = @mapId)
      ON CONFLICT (map_id) DO UPDATE SET revision = excluded.revision, style = excluded.style, width = excluded.width,
        height = excluded.height, png = excluded.png`),
  };
  // the map's revision and its rows from one snapshot, so the picture is of that revision
  const readMap = db.transaction((id: string) => ({ revision: maps.state(id).revision, doc: maps.read(id) }));

  const store = (mapId: string, t: StoredThumbnail) => {
    if (db.inTransaction) return;
    const wait = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma(`busy_timeout = ${STORE_WAIT_MS}`);
    try {
      const { changes } = q.put.run({ mapId, revision: t.revision, style: THUMBNAIL_STYLE, width: t.width, height: t.height, png: t.png });
      writes.set(db, thumbnailWrites(db) + changes);
    } catch (e) {
      // damage is reported as for any call (services/library.ts notes it); anything else only costs a redraw
      if (/^SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown }).code))) throw e;
    } finally {
      db.pragma(`busy_timeout = ${wait}`);
    }
  };

  return {
    /** The picture of map `id` as it is stored now (NotFoundError when there is no such map). */
    thumbnail(id: string): StoredThumbnail {
      const { revision } = maps.state(id);
      const cached = q.get.get(id) as { revision: number; style: number; width: number; height: number; png: Buffer } | undefined;
      if (cached && cached.revision === revision && cached.style === THUMBNAIL_STYLE) {
        return { png: cached.png, width: cached.width, height: cached.height, revision };
      }
      const read = readMap(id);
      const drawn = draw(read.doc);
      const t = { png: drawn.png, width: drawn.width, height: drawn.height, revision: read.revision };
      store(id, t);
      return t;
    },
  };
}

export type ThumbnailCache = ReturnType<typeof createThumbnailCache>;

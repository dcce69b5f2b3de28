/** A map too big for one readable PNG, as a ZIP of numbered tiles drawn on a canvas here (shared/export/pngTiles.ts). */
import { safeFileName } from '../../../shared/export/bitmap';
import { cropSvg, overviewSvg, planPngTiles, tilesIndex, zipTiles } from '../../../shared/export/pngTiles';
import type { MapDoc } from '../../../shared/model/types';
import { currentLanguage, t } from '../../i18n';
import { exportSvg, svgToPng, type ExportOptions } from '../exportMap';
import { TILE_WORDS } from '../../../shared/export/pngTiles';

export async function pngTilesBlob(doc: MapDoc, o: ExportOptions): Promise<{ blob: Blob; notice?: string }> {
  const pic = await exportSvg(doc, o);
  const base = safeFileName(doc.title, 'png').replace(/\.png$/, '');
  const tiles = planPngTiles(pic, base);
  const files: { name: string; data: Uint8Array }[] = [];
  const ov = overviewSvg(pic.svg, pic, tiles);
  files.push({ name: 'overview.png', data: new Uint8Array(await (await svgToPng(ov.svg, ov, 1)).blob.arrayBuffer()) });
  for (const tile of tiles) {
    const { blob } = await svgToPng(cropSvg(pic.svg, tile), tile, o.scale);
    files.push({ name: tile.name, data: new Uint8Array(await blob.arrayBuffer()) });
  }
  const zip = zipTiles(files, tilesIndex(doc.title, tiles, o.scale, TILE_WORDS[currentLanguage() === 'ru' ? 'ru' : 'en']));
  return { blob: new Blob([zip as BlobPart], { type: 'application/zip' }), notice: [pic.notice, t('print.tilesDone', { count: tiles.length })].filter(Boolean).join(' ') };
}

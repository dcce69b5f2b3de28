/**
 * A map too big for one readable PNG, as a ZIP of numbered tiles drawn on a canvas here
 * (shared/export/pngTiles.ts). The picture is decoded once and each tile is drawn from its part
 * of it (the browser draws an SVG at the size asked, so tiles stay sharp); progress is reported
 * per tile and a signal stops the work between tiles.
 */
import { safeFileName } from '../../../shared/export/bitmap';
import { overviewSvg, planPngTiles, tilesIndex, TILE_WORDS, zipTiles } from '../../../shared/export/pngTiles';
import type { MapDoc } from '../../../shared/model/types';
import { currentLanguage, t } from '../../i18n';
import { exportSvg, svgToPng, type ExportOptions } from '../exportMap';

export interface TilesProgress {
  /** 'drawing' before the tiles are counted, 'tiles' while they are made, 'packing' at the end. */
  phase: 'drawing' | 'tiles' | 'packing';
  done: number;
  total: number;
}

export interface TilesRun {
  onProgress?(p: TilesProgress): void;
  signal?: AbortSignal;
}

function stopIfAsked(signal?: AbortSignal) {
  if (signal?.aborted) throw new DOMException('stopped', 'AbortError');
}

async function decodeSvg(svg: string): Promise<{ img: HTMLImageElement; url: string }> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  try {
    await img.decode();
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
  return { img, url };
}

export async function pngTilesBlob(doc: MapDoc, o: ExportOptions, run: TilesRun = {}): Promise<{ blob: Blob; notice?: string }> {
  run.onProgress?.({ phase: 'drawing', done: 0, total: 0 });
  const pic = await exportSvg(doc, o);
  stopIfAsked(run.signal);
  const base = safeFileName(doc.title, 'png').replace(/\.png$/, '');
  const tiles = planPngTiles(pic, base);
  const files: { name: string; data: Uint8Array }[] = [];
  const ov = overviewSvg(pic.svg, pic, tiles);
  files.push({ name: 'overview.png', data: new Uint8Array(await (await svgToPng(ov.svg, ov, 1)).blob.arrayBuffer()) });
  run.onProgress?.({ phase: 'tiles', done: 0, total: tiles.length });
  const { img, url } = await decodeSvg(pic.svg);
  try {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(t('export.noCanvas'));
    for (const [i, tile] of tiles.entries()) {
      stopIfAsked(run.signal);
      canvas.width = Math.max(1, Math.round(tile.width * o.scale));
      canvas.height = Math.max(1, Math.round(tile.height * o.scale));
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, tile.x, tile.y, tile.width, tile.height, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error(t('export.noPng'));
      files.push({ name: tile.name, data: new Uint8Array(await blob.arrayBuffer()) });
      run.onProgress?.({ phase: 'tiles', done: i + 1, total: tiles.length });
    }
  } finally {
    URL.revokeObjectURL(url);
  }
  stopIfAsked(run.signal);
  run.onProgress?.({ phase: 'packing', done: tiles.length, total: tiles.length });
  const zip = zipTiles(files, tilesIndex(doc.title, tiles, o.scale, TILE_WORDS[currentLanguage() === 'ru' ? 'ru' : 'en']));
  return { blob: new Blob([zip as BlobPart], { type: 'application/zip' }), notice: [pic.notice, t('print.tilesDone', { count: tiles.length })].filter(Boolean).join(' ') };
}

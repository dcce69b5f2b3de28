/**
 * The `.lanemap.json` of a map with its saved versions: each version's map is read from the
 * library (versions:list, then versions:get) and written into the file, so the versions travel
 * with the map. The newest versions are kept when the file would be too large to import again.
 */
import { MAX_IMPORT_VERSIONS, MAX_LANEMAP_TEXT, toLanemapJson, type LanemapVersion } from '../../shared/export/lanemapJson';
import type { LanemapApi } from '../../shared/contract';
import type { MapDoc } from '../../shared/model/types';
import { t } from '../i18n';

export async function lanemapJsonWithVersions(
  api: Pick<LanemapApi, 'versions:list' | 'versions:get'>,
  doc: MapDoc,
  meta: { exportedAt: string; app?: string },
  /** The largest file to write (what an import accepts). */
  maxText = MAX_LANEMAP_TEXT,
): Promise<{ text: string; notice?: string }> {
  const list = await api['versions:list']({ mapId: doc.id });
  const versions: LanemapVersion[] = [];
  // newest first, as listed; one at a time so a long history does not flood the backend
  for (const summary of list.slice(0, MAX_IMPORT_VERSIONS)) {
    const { version, doc: versionDoc } = await api['versions:get']({ mapId: doc.id, id: summary.id });
    versions.push({
      id: version.id,
      name: version.name,
      note: version.note,
      author: version.author,
      kind: version.kind,
      createdAt: version.createdAt,
      doc: versionDoc,
    });
  }
  let kept = versions.length;
  let text = toLanemapJson(doc, meta, versions);
  // too large to import again: leave the oldest versions out until it fits
  while (text.length > maxText && kept > 0) {
    kept = Math.max(0, kept - Math.max(1, Math.ceil(kept / 4)));
    text = toLanemapJson(doc, meta, versions.slice(0, kept));
  }
  const left = list.length - kept;
  return { text, notice: left > 0 ? t('versions.exportLeftOut', { count: left }) : undefined };
}

/**
 * Copies a map to another library with its saved versions, comments and pain points (they are
 * part of the map): read from the source (maps:get, versions:list, versions:get), written as one
 * `.lanemap.json` with its versions, imported in the target (maps:import). A move deletes the
 * source only once the copy is stored.
 */
import type { MapSummary } from '../../shared/model/types';
import { lanemapJsonWithVersions } from '../review/versionExport';
import { apiFor, type LibraryId } from './teamApi';

export type TransferStep = 'reading' | 'storing' | 'deleting';

export interface TransferResult {
  copy: MapSummary;
  /** Some oldest versions were left out (the file would be too large to import). */
  notice?: string;
  /** A move whose source could not be deleted: the copy stays, the reason is here. */
  deleteFailed?: unknown;
}

export async function transferMap(
  mapId: string,
  from: LibraryId,
  to: LibraryId,
  how: 'copy' | 'move',
  progress: (step: TransferStep) => void = () => undefined,
): Promise<TransferResult> {
  if (from === to) throw new Error('The map is already in that library.');
  const source = apiFor(from);
  progress('reading');
  const doc = await source['maps:get']({ id: mapId });
  const { text, notice } = await lanemapJsonWithVersions(source, doc, { exportedAt: new Date().toISOString(), app: 'Lanemap' });
  progress('storing');
  const copy = await apiFor(to)['maps:import']({ text });
  if (how === 'copy') return { copy, notice };
  progress('deleting');
  try {
    await source['maps:delete']({ id: mapId });
  } catch (e) {
    return { copy, notice, deleteFailed: e };
  }
  return { copy, notice };
}

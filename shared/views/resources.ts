/** Placeholder (issue 10): the Resources view of a map as a sheet; its owner replaces this file. */
import type { MapDoc } from '../model/types';
import type { Sheet, SheetLang } from './sheet';

export function resourcesSheet(_doc: MapDoc, _lang: SheetLang): Sheet {
  return { name: 'Resources', columns: [], rows: [] };
}

/** Everything the Check panel, the figures strip and the canvas markers show, from one document. */
import { checkMap, handOffs, reworkFlows, type Finding, type HandOff } from '../../shared/analysis/checks';
import { mapFigures, type MapFigures } from '../../shared/analysis/figures';
import type { MapDoc } from '../../shared/model/types';

export interface Analysis {
  findings: Finding[];
  figures: MapFigures;
  handOffs: HandOff[];
  rework: string[];
}

export function analyse(doc: MapDoc): Analysis {
  return { findings: checkMap(doc), figures: mapFigures(doc), handOffs: handOffs(doc), rework: reworkFlows(doc) };
}

/** Everything the Check panel, the figures strip and the canvas markers show, from one document. */
import { checkMap, handOffs, reworkFlows, type Finding, type HandOff } from '../../shared/analysis/checks';
import { mapFigures, type MapFigures } from '../../shared/analysis/figures';
import {
  automationCandidates,
  automationFigures,
  kpiRows,
  type AutomationCandidate,
  type AutomationFigures,
  type KpiRow,
} from '../../shared/analysis/optimise';
import type { MapDoc } from '../../shared/model/types';

/** The optimisation figures (issue 17): work done by hand, the steps most worth automating, the KPIs. */
export interface OptimiseAnalysis {
  automation: AutomationFigures;
  candidates: AutomationCandidate[];
  kpis: KpiRow[];
}

export interface Analysis {
  findings: Finding[];
  figures: MapFigures;
  handOffs: HandOff[];
  rework: string[];
  optimise: OptimiseAnalysis;
}

export function analyseOptimise(doc: MapDoc): OptimiseAnalysis {
  return { automation: automationFigures(doc), candidates: automationCandidates(doc), kpis: kpiRows(doc) };
}

export function analyse(doc: MapDoc): Analysis {
  return { findings: checkMap(doc), figures: mapFigures(doc), handOffs: handOffs(doc), rework: reworkFlows(doc), optimise: analyseOptimise(doc) };
}

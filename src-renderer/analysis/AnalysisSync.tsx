/**
 * Puts what the canvas shows of the analysis (check marks per step, the critical path) into
 * the analysis UI store, once per analysis, so each step node reads only its own part.
 */
import { useEffect } from 'react';
import { useEditor } from '../store/context';
import { useAnalysisUi, type StepMark } from './analysisUi';
import { useAnalysis, useReviewedFindings } from './useAnalysis';

const RANK = { problem: 0, warning: 1, hint: 2 } as const;

export function AnalysisSync() {
  const { analysis } = useAnalysis();
  const seen = useReviewedFindings();
  const doc = useEditor((s) => s.doc);
  useEffect(() => {
    if (!analysis || !doc || !seen) return;
    const open = seen.open.filter((f) => f.severity !== 'hint' && f.target.kind === 'step');
    const byStep = new Map<string, { severity: 'problem' | 'warning'; rules: Set<string> }>();
    for (const f of open) {
      const id = (f.target as { id: string }).id;
      const was = byStep.get(id);
      const severity = f.severity as 'problem' | 'warning';
      if (!was) byStep.set(id, { severity, rules: new Set([f.rule]) });
      else {
        was.rules.add(f.rule);
        if (RANK[severity] < RANK[was.severity]) was.severity = severity;
      }
    }
    const marks = new Map<string, StepMark>([...byStep].map(([id, m]) => [id, `${m.severity}|${[...m.rules].join(',')}`]));
    const path = analysis.figures.criticalPath;
    const pathSteps = new Set(path);
    const pathFlows = new Set<string>();
    const between = new Map<string, string>();
    for (const f of Object.values(doc.flows)) if (pathSteps.has(f.fromStepId)) between.set(`${f.fromStepId}>${f.toStepId}`, f.id);
    for (let i = 0; i + 1 < path.length; i++) {
      const id = between.get(`${path[i]}>${path[i + 1]}`);
      if (id) pathFlows.add(id);
    }
    useAnalysisUi.getState().derive(marks, pathSteps, pathFlows);
  }, [analysis, seen, doc]);
  return null;
}

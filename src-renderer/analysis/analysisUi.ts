/**
 * The analysis overlays, kept on this computer (not in the map): the figures strip, the critical
 * path highlighted on the canvas, the value-stream band under it, the check marks on the steps;
 * and, derived from the open map's analysis, what each step shows (see AnalysisSync).
 */
import { create } from 'zustand';
import type { Severity } from '../../shared/analysis/checks';

interface Prefs {
  strip: boolean;
  criticalPath: boolean;
  valueStream: boolean;
  marks: boolean;
}

const KEY = 'lanemap.analysis';
const DEFAULTS: Prefs = { strip: true, criticalPath: false, valueStream: false, marks: true };

function load(): Prefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<keyof Prefs, unknown>>;
    const out = { ...DEFAULTS };
    for (const k of Object.keys(DEFAULTS) as (keyof Prefs)[]) if (typeof raw[k] === 'boolean') out[k] = raw[k];
    return out;
  } catch {
    return { ...DEFAULTS };
  }
}

/** A step's open problems and warnings, worst first: `severity|rule,rule` ('' for none). */
export type StepMark = string;

interface AnalysisUi extends Prefs {
  set(p: Partial<Prefs>): void;
  /** Step id -> its mark; and the critical path's steps and flows. */
  marks_: Map<string, StepMark>;
  pathSteps: Set<string>;
  pathFlows: Set<string>;
  derive(marks: Map<string, StepMark>, pathSteps: Set<string>, pathFlows: Set<string>): void;
}

export const useAnalysisUi = create<AnalysisUi>((set, get) => ({
  ...load(),
  marks_: new Map(),
  pathSteps: new Set(),
  pathFlows: new Set(),
  set(p) {
    set(p);
    const { strip, criticalPath, valueStream, marks } = get();
    try {
      localStorage.setItem(KEY, JSON.stringify({ strip, criticalPath, valueStream, marks }));
    } catch {
      // not remembered; still shown
    }
  },
  derive: (marks_, pathSteps, pathFlows) => set({ marks_, pathSteps, pathFlows }),
}));

/** The mark of one step (a string, so a node re-renders only when its own mark changes). */
export function useStepMark(stepId: string): { severity: Severity; rules: string[] } | null {
  const on = useAnalysisUi((s) => s.marks);
  const mark = useAnalysisUi((s) => s.marks_.get(stepId) ?? '');
  if (!on || !mark) return null;
  const [severity, rules] = mark.split('|');
  return { severity: severity as Severity, rules: rules!.split(',') };
}

export function useOnCriticalPath(kind: 'step' | 'flow', id: string): boolean {
  return useAnalysisUi((s) => s.criticalPath && (kind === 'step' ? s.pathSteps : s.pathFlows).has(id));
}

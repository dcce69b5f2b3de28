/**
 * The Check tab (issue 10, first part): the map's checks, updated on every edit, grouped by
 * rule with their severity and a one-line explanation; a click selects what a finding is about
 * and brings it into view. Also the hand-offs between roles and the rework loops.
 * Still to come with the issue: dismissing a finding, switching a rule off, the figures.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { checkMap, handOffs, reworkFlows, RULES, type Finding, type FindingTarget, type RuleId } from '../../shared/analysis/checks';
import type { MapDoc } from '../../shared/model/types';
import { revealStep } from '../canvas/viewport';
import { formatNumber, useLanguage, useT } from '../i18n';
import { useEditor, useEditorStore } from '../store/context';

/** Findings per document: the tab's counter and the panel share one run of the checks per edit. */
const checked = new WeakMap<MapDoc, Finding[]>();

/** The checks of the open map, computed once per document. */
export function useFindings(): Finding[] {
  const doc = useEditor((s) => s.doc);
  return useMemo(() => {
    if (!doc) return [];
    let findings = checked.get(doc);
    if (!findings) checked.set(doc, (findings = checkMap(doc)));
    return findings;
  }, [doc]);
}

/** How many problems and warnings the map has (hints are not counted on the tab). */
export function useFindingCount(): number {
  const findings = useFindings();
  return findings.filter((f) => f.severity !== 'hint').length;
}

export function CheckPanel() {
  const t = useT();
  useLanguage();
  const store = useEditorStore();
  const flow = useReactFlow();
  const doc = useEditor((s) => s.doc)!;
  const findings = useFindings();
  const passes = useMemo(() => ({ handOffs: handOffs(doc), rework: reworkFlows(doc) }), [doc]);
  const groups = useMemo(() => {
    const byRule = new Map<RuleId, Finding[]>();
    for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    return [...byRule.entries()];
  }, [findings]);
  const untitled = t('common.untitledStep');
  const stepName = (id: string) => doc.steps[id]?.title.trim() || untitled;

  /** Selects a step or flow a finding is about and brings it into view. */
  function reveal(target: FindingTarget) {
    const d = store.getState().doc;
    if (!d || target.kind === 'map') return;
    if (target.kind === 'step' && d.steps[target.id]) {
      store.getState().select({ steps: [target.id], flows: [] });
      revealStep(flow, d, target.id);
    } else if (target.kind === 'flow' && d.flows[target.id]) {
      store.getState().select({ steps: [], flows: [target.id] });
      revealStep(flow, d, d.flows[target.id]!.fromStepId);
    }
  }
  const handOffCount = passes.handOffs.reduce((n, h) => n + h.flowIds.length, 0);

  return (
    <div className="side-panel review-panel check-panel">
      <p className="muted">{t('check.intro')}</p>
      {groups.length === 0 ? (
        <p className="check-clean">{t('check.clean')}</p>
      ) : (
        groups.map(([rule, list]) => (
          <section key={rule} className={`check-group severity-${RULES[rule]}`} aria-label={t(`check.rules.${rule}.title`)}>
            <h3>
              <span className={`check-severity severity-${RULES[rule]}`}>{t(`check.severity.${RULES[rule]}`)}</span> {t(`check.rules.${rule}.title`)}{' '}
              <span className="muted">{formatNumber(list.length)}</span>
            </h3>
            <p className="muted check-explain">{t(`check.rules.${rule}.explain`)}</p>
            <ul className="check-list">
              {list.map((f) => (
                <li key={f.key}>
                  {f.target.kind === 'step' || f.target.kind === 'flow' ? (
                    <button type="button" className="check-item" onClick={() => reveal(f.target)} data-finding={f.key}>
                      <span translate="no">{targetName(doc, f, stepName)}</span>
                      {f.item && (
                        <span className="muted">
                          {' '}
                          · <span translate="no">{f.item}</span>
                        </span>
                      )}
                    </button>
                  ) : (
                    <span className="check-item" data-finding={f.key}>
                      <span translate="no">{f.target.kind === 'map' ? doc.title : targetName(doc, f, stepName)}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <section className="check-group" aria-label={t('check.handOffs', { count: handOffCount })}>
        <h3>{t('check.handOffs', { count: handOffCount })}</h3>
        <ul className="check-list">
          {passes.handOffs.map((h) => (
            <li key={`${h.fromRoleId}>${h.toRoleId}`} className="check-item">
              <span translate="no">
                {doc.roles[h.fromRoleId]?.name} → {doc.roles[h.toRoleId]?.name}
              </span>{' '}
              <span className="muted">{formatNumber(h.flowIds.length)}</span>
            </li>
          ))}
        </ul>
        <h3>{t('check.rework', { count: passes.rework.length })}</h3>
        <ul className="check-list">
          {passes.rework.map((id) => {
            const f = doc.flows[id]!;
            return (
              <li key={id}>
                <button type="button" className="check-item" onClick={() => reveal({ kind: 'flow', id })}>
                  <span translate="no">
                    «{stepName(f.fromStepId)}» → «{stepName(f.toStepId)}»
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

/** What a finding is about, as a person calls it. */
function targetName(doc: MapDoc, f: Finding, stepName: (id: string) => string): string {
  switch (f.target.kind) {
    case 'step':
      return stepName(f.target.id);
    case 'flow': {
      const flow = doc.flows[f.target.id];
      return flow ? `«${stepName(flow.fromStepId)}» → «${stepName(flow.toStepId)}»${flow.label ? ` (${flow.label})` : ''}` : '';
    }
    case 'role':
      return doc.roles[f.target.id]?.name ?? '';
    case 'phase':
      return doc.phases[f.target.id]?.name ?? '';
    default:
      return doc.title;
  }
}

/**
 * The differences of a comparison as a list in the Versions tab: steps added, removed and
 * changed (each changed field said in words: "Role: Sales manager → Head of sales"), then
 * lanes, phases, flows and the map's title. A click on a step shows it on the canvas.
 */
import { useReactFlow } from '@xyflow/react';
import type { StepField } from '../../shared/model/compare';
import type { MapDoc, Step } from '../../shared/model/types';
import { revealStep } from '../canvas/viewport';
import { formatDuration, useT } from '../i18n';
import { kpiText } from '../optimise/kpiText';
import { useEditor, useEditorStore } from '../store/context';
import { CompareLegend } from './VersionBanner';
import { useComparison } from './compareOverlay';

type T = ReturnType<typeof useT>;

const quoted = (t: T, text: string) => text.trim() || t('common.untitledStep');

/** What became of a list of items: "+ Signed contract, − Invoice", or "new order". */
function itemChanges(t: T, before: readonly string[], after: readonly string[]): string {
  const added = after.filter((i) => !before.includes(i)).map((item) => t('versions.diff.itemAdded', { item }));
  const removed = before.filter((i) => !after.includes(i)).map((item) => t('versions.diff.itemRemoved', { item }));
  const all = [...added, ...removed];
  return all.length ? all.join(', ') : t('versions.diff.reordered');
}

/** One changed field of a step, in words. */
export function describeStepField(t: T, field: StepField, before: Step, after: Step, older: MapDoc, newer: MapDoc): string {
  const name = t(`versions.diff.fields.${field}`);
  const change = (a: string, b: string) => t('versions.diff.change', { field: name, before: a, after: b });
  const phase = (doc: MapDoc, id: string | null) => (id && doc.phases[id]?.name) || t('common.noPhase');
  switch (field) {
    case 'title':
      return change(quoted(t, before.title), quoted(t, after.title));
    case 'kind':
      return change(t(`common.kinds.${before.kind}`), t(`common.kinds.${after.kind}`));
    case 'role':
      return change(older.roles[before.roleId]?.name ?? '?', newer.roles[after.roleId]?.name ?? '?');
    case 'phase':
      return change(phase(older, before.phaseId), phase(newer, after.phaseId));
    case 'duration':
    case 'wait':
      return change(
        before[field] ? formatDuration(before[field]) : t('versions.diff.none'),
        after[field] ? formatDuration(after[field]) : t('versions.diff.none'),
      );
    case 'raci': {
      const letters = (doc: MapDoc, s: Step) =>
        Object.entries(s.raci ?? {})
          .map(([roleId, letter]) => `${letter} ${doc.roles[roleId]?.name ?? '?'}`)
          .sort()
          .join(', ') || t('versions.diff.none');
      return change(letters(older, before), letters(newer, after));
    }
    case 'parties': {
      const named = (st: Step) => (st.parties ?? []).map((p) => `${p.item} ${p.kind === 'inputs' ? '←' : '→'} ${p.party}`);
      return t('versions.diff.items', { field: name, changes: itemChanges(t, named(before), named(after)) });
    }
    case 'inputs':
    case 'outputs':
    case 'resources':
      return t('versions.diff.items', { field: name, changes: itemChanges(t, before[field], after[field]) });
    case 'automation': {
      const level = (st: Step) => `${t(`optimise.automation.levels.${st.automation ?? 'manual'}`)}${st.system ? ` (${st.system})` : ''}`;
      return change(level(before), level(after));
    }
    case 'kpis': {
      const named = (st: Step) => (st.kpis ?? []).map((k) => kpiText(k));
      return t('versions.diff.items', { field: name, changes: itemChanges(t, named(before), named(after)) });
    }
    case 'description':
    case 'link':
      return t('versions.diff.changedOnly', { field: name });
  }
}

export function CompareList() {
  const t = useT();
  const store = useEditorStore();
  const flow = useReactFlow();
  const doc = useEditor((s) => s.doc)!;
  const compared = useComparison(doc);
  if (!compared) return null;
  const { comparison: c, older } = compared;

  /** Selects a step of the map on screen (or points at a removed one) and brings it into view. */
  const reveal = (id: string, removed: boolean) => {
    if (removed) revealStep(flow, older, id);
    else {
      store.getState().select({ steps: [id], flows: [] });
      revealStep(flow, doc, id);
    }
  };
  const stepButton = (step: Step, removed: boolean) => (
    <button
      type="button"
      className="diff-step-link"
      aria-label={t('versions.diff.reveal', { title: quoted(t, step.title) })}
      onClick={() => reveal(step.id, removed)}
    >
      <span translate="no">{quoted(t, step.title)}</span>
    </button>
  );
  const flowsLine = [
    c.flows.added.length ? t('versions.diff.flowsAdded', { count: c.flows.added.length }) : null,
    c.flows.removed.length ? t('versions.diff.flowsRemoved', { count: c.flows.removed.length }) : null,
    c.flows.changed.length ? t('versions.diff.flowsChanged', { count: c.flows.changed.length }) : null,
  ].filter((x): x is string => x !== null);
  const others = [
    ...c.map.map((f) =>
      f === 'title'
        ? t('versions.diff.mapTitle', { before: older.title, after: doc.title })
        : f === 'swot'
          ? t('versions.diff.mapSwot')
          : f === 'review'
            ? t('versions.diff.mapReview')
            : f === 'notes'
              ? t('notes.compareChanged')
              : t('versions.diff.mapDescription'),
    ),
    ...c.roles.added.map((id) => t('versions.diff.laneAdded', { name: doc.roles[id]?.name ?? '' })),
    ...c.roles.removed.map((id) => t('versions.diff.laneRemoved', { name: older.roles[id]?.name ?? '' })),
    ...c.roles.renamed.map((id) => t('versions.diff.laneRenamed', { before: older.roles[id]?.name ?? '', after: doc.roles[id]?.name ?? '' })),
    ...c.phases.added.map((id) => t('versions.diff.phaseAdded', { name: doc.phases[id]?.name ?? '' })),
    ...c.phases.removed.map((id) => t('versions.diff.phaseRemoved', { name: older.phases[id]?.name ?? '' })),
    ...c.phases.renamed.map((id) => t('versions.diff.phaseRenamed', { before: older.phases[id]?.name ?? '', after: doc.phases[id]?.name ?? '' })),
    ...c.phases.kpis.map((id) => t('versions.diff.phaseKpis', { name: doc.phases[id]?.name ?? '' })),
    ...flowsLine,
    ...(c.steps.moved.length ? [t('versions.diff.stepsMoved', { count: c.steps.moved.length })] : []),
  ];

  return (
    <section className="compare-list" aria-label={t('versions.diff.title')}>
      <h3 className="versions-heading">{t('versions.diff.title')}</h3>
      <CompareLegend />
      {c.same && c.steps.moved.length === 0 && <p className="muted">{t('versions.diff.same')}</p>}
      {c.steps.added.length > 0 && (
        <div className="diff-group diff-group-added">
          <h4>{t('versions.diff.stepsAdded')}</h4>
          <ul>{c.steps.added.map((id) => doc.steps[id] && <li key={id}>{stepButton(doc.steps[id], false)}</li>)}</ul>
        </div>
      )}
      {c.steps.removed.length > 0 && (
        <div className="diff-group diff-group-removed">
          <h4>{t('versions.diff.stepsRemoved')}</h4>
          <ul>{c.steps.removed.map((id) => older.steps[id] && <li key={id}>{stepButton(older.steps[id], true)}</li>)}</ul>
        </div>
      )}
      {c.steps.changed.length > 0 && (
        <div className="diff-group diff-group-changed">
          <h4>{t('versions.diff.stepsChanged')}</h4>
          <ul>
            {c.steps.changed.map(({ id, fields }) => {
              const before = older.steps[id];
              const after = doc.steps[id];
              if (!before || !after) return null;
              return (
                <li key={id} data-step-id={id}>
                  {stepButton(after, false)}
                  <ul className="diff-fields">
                    {fields.map((f) => (
                      <li key={f} data-field={f} translate="no">
                        {describeStepField(t, f, before, after, older, doc)}
                      </li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {others.length > 0 && (
        <div className="diff-group">
          <h4>{t('versions.diff.otherTitle')}</h4>
          <ul>
            {others.map((line, i) => (
              <li key={i} translate="no">
                {line}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

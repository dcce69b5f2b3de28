/** The right panel: details of the selected step or flow, or of the map when nothing is selected. */
import { Trash2 } from 'lucide-react';
import { useDeferredValue, useMemo } from 'react';
import { cmd } from '../../shared/model/commands';
import { orderedPhases, orderedRoles } from '../../shared/model/geometry';
import { DURATION_UNITS, ITEM_KINDS, LIMITS, STEP_KINDS, type Duration, type MapDoc, type Step } from '../../shared/model/types';
import { CommitField } from '../components/CommitField';
import { useLiveTitleStore } from '../canvas/liveTitle';
import { deleteSelection } from '../editor/actions';
import { WidthButtons } from '../notes/WidthButtons';
import { useEditor, useEditorStore } from '../store/context';
import { formatNumber, useT } from '../i18n';
import { ItemListEditor } from './ItemListEditor';
import { foldText } from '../../shared/model/search';
import { MapProperties } from '../hierarchy/MapProperties';
import { SubprocessLink } from '../hierarchy/SubprocessLink';
import { FlowShareField, StepAutomationFields } from '../optimise/automation/AutomationFields';
import { KpiEditor } from '../optimise/kpi/KpiEditor';
import { FlowMessageField, StepKindFields } from '../canvas/kinds/KindFields';

const collator = new Intl.Collator();
/** The last suggestions, with the item lists they were made from (edits keep the lists they do not change). */
let lastItems: { lists: readonly (readonly string[])[]; items: string[] } | null = null;

/**
 * Every input, output and resource the map names (suggestions). Made again only when one of the
 * steps' lists is a new one: a click, a move or a retitle reuses them (sorting thousands of items
 * cost a big map's drop ~40 ms).
 */
function allItems(doc: MapDoc): string[] {
  const lists: (readonly string[])[] = [];
  for (const s of Object.values(doc.steps)) lists.push(s.inputs, s.outputs, s.resources);
  if (lastItems && lastItems.lists.length === lists.length && lists.every((l, i) => l === lastItems!.lists[i])) return lastItems.items;
  const set = new Set<string>();
  for (const list of lists) for (const i of list) set.add(i);
  const items = [...set].sort(collator.compare);
  lastItems = { lists, items };
  return items;
}

function StepInspector({ step, doc }: { step: Step; doc: MapDoc }) {
  const t = useT();
  const store = useEditorStore();
  const run = store.getState().run;
  const suggestions = useMemo(() => allItems(doc), [doc]);
  const roles = orderedRoles(doc);
  const phases = orderedPhases(doc);
  return (
    <div className="inspector-body" key={step.id} data-step={step.id}>
      <label className="field">
        <span>{t('inspector.title')}</span>
        <CommitField
          id="step-title"
          label={t('inspector.stepTitle')}
          multiline
          rows={2}
          value={step.title}
          maxLength={LIMITS.title}
          placeholder={step.kind === 'decision' ? t('inspector.titlePlaceholderDecision') : t('inspector.titlePlaceholderTask')}
          onCommit={(title) => run(cmd('updateStep', { stepId: step.id, patch: { title } }), { coalesceKey: `title:${step.id}` })}
          onDraft={(title) => useLiveTitleStore.getState().set(title === null ? null : step.id, title ?? '')}
        />
      </label>
      <label className="field">
        <span>{t('inspector.role')}</span>
        <select aria-label={t('inspector.role')} value={step.roleId} onChange={(e) => run(cmd('setStepRole', { stepId: step.id, roleId: e.target.value }))}>
          {roles.map((r) => (
            <option key={r.id} value={r.id} translate="no">
              {r.name}
            </option>
          ))}
        </select>
      </label>
      {phases.length > 0 && (
        <label className="field">
          <span>{t('inspector.phase')}</span>
          <select
            aria-label={t('inspector.phase')}
            value={step.phaseId && doc.phases[step.phaseId] ? step.phaseId : ''}
            onChange={(e) => run(cmd('setStepPhase', { stepId: step.id, phaseId: e.target.value || null }))}
          >
            {phases.map((p) => (
              <option key={p.id} value={p.id} translate="no">
                {p.name}
              </option>
            ))}
            <option value="">{t('common.noPhase')}</option>
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('inspector.kind')}</span>
        <select
          aria-label={t('inspector.stepKind')}
          value={step.kind}
          onChange={(e) => run(cmd('updateStep', { stepId: step.id, patch: { kind: e.target.value as Step['kind'] } }))}
        >
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`common.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <StepKindFields step={step} />
      {step.kind === 'subprocess' && <SubprocessLink step={step} />}
      <label className="checkbox">
        <input type="checkbox" checked={!!step.pinned} onChange={(e) => run(cmd('updateStep', { stepId: step.id, patch: { pinned: e.target.checked } }))} />
        <span>{t('inspector.pinned')}</span>
      </label>
      <label className="field">
        <span>{t('inspector.description')}</span>
        <CommitField
          label={t('inspector.stepDescription')}
          multiline
          value={step.description}
          maxLength={LIMITS.description}
          onCommit={(description) => run(cmd('updateStep', { stepId: step.id, patch: { description } }), { coalesceKey: `description:${step.id}` })}
        />
      </label>
      <DurationField step={step} field="duration" />
      <DurationField step={step} field="wait" />
      <StepAutomationFields step={step} doc={doc} />
      {ITEM_KINDS.map((kind) => (
        <ItemListEditor
          key={kind}
          kind={kind}
          items={step[kind]}
          suggestions={suggestions}
          onChange={(items) => run(cmd('setStepItems', { stepId: step.id, kind, items }))}
          {...(kind === 'resources'
            ? {}
            : {
                parties: step.parties?.filter((p) => p.kind === kind) ?? [],
                partySuggestions: knownParties(doc),
                onParty: (item: string, party: string | null) => run(cmd('setItemParty', { stepId: step.id, kind, item, party })),
              })}
        />
      ))}
      <KpiEditor owner={{ kind: 'step', id: step.id }} kpis={step.kpis ?? []} />
      <button className="danger-outline" onClick={() => deleteSelection(store)}>
        <Trash2 size={14} aria-hidden /> {t('inspector.deleteStep')}
      </button>
    </div>
  );
}

/** The outside parties named anywhere in the map, for the party field's suggestions. */
const partiesCache = new WeakMap<MapDoc, string[]>();
function knownParties(doc: MapDoc): string[] {
  let list = partiesCache.get(doc);
  if (!list) {
    const seen = new Map<string, string>();
    for (const s of Object.values(doc.steps)) for (const p of s.parties ?? []) if (!seen.has(foldText(p.party))) seen.set(foldText(p.party), p.party);
    partiesCache.set(doc, (list = [...seen.values()].sort((a, b) => a.localeCompare(b))));
  }
  return list;
}

/** A step's duration (how long it is worked on) or wait (how long work waits before it). */
function DurationField({ step, field }: { step: Step; field: 'duration' | 'wait' }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  const value = step[field] ?? null;
  const set = (d: Duration | null) => run(cmd('updateStep', { stepId: step.id, patch: { [field]: d } }), { coalesceKey: `${field}:${step.id}` });
  const label = field === 'duration' ? t('inspector.duration') : t('inspector.wait');
  return (
    <div className="field" title={field === 'wait' ? t('inspector.waitHint') : undefined}>
      <span>{label}</span>
      <div className="field-row tight">
        <input
          type="number"
          min={0}
          max={1_000_000}
          step="any"
          aria-label={label}
          placeholder="—"
          value={value?.value ?? ''}
          onChange={(e) => {
            const v = e.target.valueAsNumber;
            if (e.target.value === '') set(null);
            else if (Number.isFinite(v) && v >= 0 && v <= 1_000_000) set({ value: v, unit: value?.unit ?? (field === 'wait' ? 'd' : 'h') });
          }}
        />
        <select
          aria-label={field === 'duration' ? t('inspector.durationUnit') : t('inspector.waitUnit')}
          value={value?.unit ?? (field === 'wait' ? 'd' : 'h')}
          onChange={(e) => set({ value: value?.value ?? 1, unit: e.target.value as Duration['unit'] })}
        >
          {DURATION_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`common.unitName.${u}`, { count: value?.value ?? 0 })}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function FlowInspector({ flowId, doc }: { flowId: string; doc: MapDoc }) {
  const t = useT();
  const store = useEditorStore();
  const flow = doc.flows[flowId]!;
  const from = doc.steps[flow.fromStepId];
  const to = doc.steps[flow.toStepId];
  const setLabel = (label: string) => store.getState().run(cmd('setFlowLabel', { flowId, label }), { coalesceKey: `flow:${flowId}` });
  return (
    <div className="inspector-body" key={flowId}>
      <p className="muted flow-ends">
        <span translate={from?.title ? 'no' : undefined}>{from?.title || t('common.untitledStep')}</span> →{' '}
        <span translate={to?.title ? 'no' : undefined}>{to?.title || t('common.untitledStep')}</span>
      </p>
      <label className="field">
        <span>{t('inspector.flowLabel')}</span>
        <CommitField
          id="flow-label"
          label={t('inspector.flowLabelField')}
          value={flow.label}
          maxLength={LIMITS.flowLabel}
          placeholder={t('inspector.flowLabelPlaceholder')}
          onCommit={setLabel}
        />
      </label>
      <div className="quick-labels">
        {[t('inspector.yes'), t('inspector.no')].map((l) => (
          <button key={l} onClick={() => setLabel(l)} aria-label={t('inspector.labelFlowAs', { label: l })}>
            {l}
          </button>
        ))}
      </div>
      <FlowShareField flowId={flowId} doc={doc} />
      <FlowMessageField flowId={flowId} doc={doc} />
      <button className="danger-outline" onClick={() => deleteSelection(store)}>
        <Trash2 size={14} aria-hidden /> {t('inspector.deleteFlow')}
      </button>
    </div>
  );
}

function MapInspector({ doc }: { doc: MapDoc }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  const steps = Object.values(doc.steps);
  const untitled = steps.filter((s) => !s.title.trim()).length;
  return (
    <div className="inspector-body">
      <MapProperties doc={doc} />
      <label className="field">
        <span>{t('inspector.mapDescription')}</span>
        <CommitField
          label={t('inspector.mapDescription')}
          multiline
          rows={4}
          value={doc.description}
          maxLength={LIMITS.description}
          placeholder={t('inspector.mapDescriptionPlaceholder')}
          onCommit={(description) => run(cmd('setMapDescription', { description }), { coalesceKey: 'map:description' })}
        />
      </label>
      <dl className="stats">
        <dt>{t('inspector.statSteps')}</dt>
        <dd>{formatNumber(steps.length)}</dd>
        <dt>{t('inspector.statLanes')}</dt>
        <dd>{formatNumber(Object.keys(doc.roles).length)}</dd>
        <dt>{t('inspector.statFlows')}</dt>
        <dd>{formatNumber(Object.keys(doc.flows).length)}</dd>
        {untitled > 0 && (
          <>
            <dt>{t('inspector.statUntitled')}</dt>
            <dd>{formatNumber(untitled)}</dd>
          </>
        )}
      </dl>
      <p className="muted hint">{t('inspector.hint')}</p>
    </div>
  );
}

export function Inspector() {
  const t = useT();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  // the canvas shows a new selection first; the inspector follows in the next render, so a click
  // on a big map is answered without waiting for a panel of fields to be built
  const selection = useDeferredValue(useEditor((s) => s.selection));
  const count = selection.steps.length + selection.flows.length;
  let heading = t('inspector.map');
  let body = <MapInspector doc={doc} />;
  if (count === 1 && selection.steps.length === 1 && doc.steps[selection.steps[0]!]) {
    const step = doc.steps[selection.steps[0]!]!;
    heading = t(`common.kinds.${step.kind}`);
    body = <StepInspector step={step} doc={doc} />;
  } else if (count === 1 && selection.flows.length === 1 && doc.flows[selection.flows[0]!]) {
    heading = t('inspector.flow');
    body = <FlowInspector flowId={selection.flows[0]!} doc={doc} />;
  } else if (count > 1) {
    heading = t('inspector.selected', { count });
    body = (
      <div className="inspector-body">
        <p className="muted">
          {t('inspector.selectionSummary', {
            steps: t('inspector.selectionSteps', { count: selection.steps.length }),
            flows: t('inspector.selectionFlows', { count: selection.flows.length }),
          })}
        </p>
        <WidthButtons />
        <button className="danger-outline" onClick={() => deleteSelection(store)}>
          <Trash2 size={14} aria-hidden /> {t('inspector.deleteSelection')}
        </button>
      </div>
    );
  }
  return (
    <aside className="inspector" aria-label={t('inspector.label')}>
      <h2 className="panel-title">{heading}</h2>
      {body}
    </aside>
  );
}

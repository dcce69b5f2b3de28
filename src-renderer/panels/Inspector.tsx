/** The right panel: details of the selected step or flow, or of the map when nothing is selected. */
import { Trash2 } from 'lucide-react';
import { useMemo } from 'react';
import { cmd } from '../../shared/model/commands';
import { orderedPhases, orderedRoles } from '../../shared/model/geometry';
import { DURATION_UNITS, LIMITS, STEP_KINDS, type Duration, type ItemKind, type MapDoc, type Step } from '../../shared/model/types';
import { CommitField } from '../components/CommitField';
import { deleteSelection } from '../editor/actions';
import { useEditor, useEditorStore } from '../store/context';
import { ItemListEditor } from './ItemListEditor';

const KIND_LABEL: Record<Step['kind'], string> = { start: 'Start', task: 'Task', decision: 'Decision', end: 'End' };
/** The three lists a step carries, as the inspector shows them. */
const ITEM_LISTS: [ItemKind, string, string][] = [
  ['inputs', 'Inputs', 'input'],
  ['outputs', 'Outputs', 'output'],
  ['resources', 'Resources and tools', 'resource'],
];
const UNIT_LABEL: Record<Duration['unit'], string> = { min: 'minutes', h: 'hours', d: 'days' };

function allItems(doc: MapDoc): string[] {
  const set = new Set<string>();
  for (const s of Object.values(doc.steps)) for (const list of [s.inputs, s.outputs, s.resources]) for (const i of list) set.add(i);
  return [...set].sort((a, b) => a.localeCompare(b));
}

function StepInspector({ step, doc }: { step: Step; doc: MapDoc }) {
  const store = useEditorStore();
  const run = store.getState().run;
  const suggestions = useMemo(() => allItems(doc), [doc]);
  const roles = orderedRoles(doc);
  const phases = orderedPhases(doc);
  return (
    <div className="inspector-body" key={step.id}>
      <label className="field">
        <span>Title</span>
        <CommitField
          id="step-title"
          label="Step title"
          multiline
          rows={2}
          value={step.title}
          maxLength={LIMITS.title}
          placeholder={step.kind === 'decision' ? 'The question, e.g. “Lead qualified?”' : 'What is done, e.g. “Qualify the lead”'}
          onCommit={(title) => run(cmd('updateStep', { stepId: step.id, patch: { title } }), { coalesceKey: `title:${step.id}` })}
        />
      </label>
      <label className="field">
        <span>Responsible role</span>
        <select aria-label="Responsible role" value={step.roleId} onChange={(e) => run(cmd('setStepRole', { stepId: step.id, roleId: e.target.value }))}>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      {phases.length > 0 && (
        <label className="field">
          <span>Phase</span>
          <select
            aria-label="Phase"
            value={step.phaseId && doc.phases[step.phaseId] ? step.phaseId : ''}
            onChange={(e) => run(cmd('setStepPhase', { stepId: step.id, phaseId: e.target.value || null }))}
          >
            {phases.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            <option value="">No phase</option>
          </select>
        </label>
      )}
      <label className="field">
        <span>Kind</span>
        <select
          aria-label="Step kind"
          value={step.kind}
          onChange={(e) => run(cmd('updateStep', { stepId: step.id, patch: { kind: e.target.value as Step['kind'] } }))}
        >
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={!!step.pinned} onChange={(e) => run(cmd('updateStep', { stepId: step.id, patch: { pinned: e.target.checked } }))} />
        <span>Keep in place on tidy-up</span>
      </label>
      <label className="field">
        <span>Description</span>
        <CommitField
          label="Step description"
          multiline
          value={step.description}
          maxLength={LIMITS.description}
          onCommit={(description) => run(cmd('updateStep', { stepId: step.id, patch: { description } }), { coalesceKey: `description:${step.id}` })}
        />
      </label>
      <DurationField step={step} />
      {ITEM_LISTS.map(([kind, title, noun]) => (
        <ItemListEditor
          key={kind}
          title={title}
          noun={noun}
          items={step[kind]}
          suggestions={suggestions}
          onChange={(items) => run(cmd('setStepItems', { stepId: step.id, kind, items }))}
        />
      ))}
      <button className="danger-outline" onClick={() => deleteSelection(store)}>
        <Trash2 size={14} aria-hidden /> Delete step
      </button>
    </div>
  );
}

function DurationField({ step }: { step: Step }) {
  const run = useEditorStore().getState().run;
  const set = (duration: Duration | null) => run(cmd('updateStep', { stepId: step.id, patch: { duration } }), { coalesceKey: `duration:${step.id}` });
  return (
    <div className="field">
      <span>Duration</span>
      <div className="field-row tight">
        <input
          type="number"
          min={0}
          max={1_000_000}
          step="any"
          aria-label="Duration"
          placeholder="—"
          value={step.duration?.value ?? ''}
          onChange={(e) => {
            const v = e.target.valueAsNumber;
            if (e.target.value === '') set(null);
            else if (Number.isFinite(v) && v >= 0 && v <= 1_000_000) set({ value: v, unit: step.duration?.unit ?? 'h' });
          }}
        />
        <select
          aria-label="Duration unit"
          value={step.duration?.unit ?? 'h'}
          onChange={(e) => set({ value: step.duration?.value ?? 1, unit: e.target.value as Duration['unit'] })}
        >
          {DURATION_UNITS.map((u) => (
            <option key={u} value={u}>
              {UNIT_LABEL[u]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function FlowInspector({ flowId, doc }: { flowId: string; doc: MapDoc }) {
  const store = useEditorStore();
  const flow = doc.flows[flowId]!;
  const from = doc.steps[flow.fromStepId];
  const to = doc.steps[flow.toStepId];
  const setLabel = (label: string) => store.getState().run(cmd('setFlowLabel', { flowId, label }), { coalesceKey: `flow:${flowId}` });
  return (
    <div className="inspector-body" key={flowId}>
      <p className="muted flow-ends">
        {from?.title || 'Untitled step'} → {to?.title || 'Untitled step'}
      </p>
      <label className="field">
        <span>Label</span>
        <CommitField id="flow-label" label="Flow label" value={flow.label} maxLength={LIMITS.flowLabel} placeholder="e.g. Yes" onCommit={setLabel} />
      </label>
      <div className="quick-labels">
        {['Yes', 'No'].map((l) => (
          <button key={l} onClick={() => setLabel(l)} aria-label={`Label the flow “${l}”`}>
            {l}
          </button>
        ))}
      </div>
      <button className="danger-outline" onClick={() => deleteSelection(store)}>
        <Trash2 size={14} aria-hidden /> Delete flow
      </button>
    </div>
  );
}

function MapInspector({ doc }: { doc: MapDoc }) {
  const run = useEditorStore().getState().run;
  const steps = Object.values(doc.steps);
  const untitled = steps.filter((s) => !s.title.trim()).length;
  return (
    <div className="inspector-body">
      <label className="field">
        <span>Map description</span>
        <CommitField
          label="Map description"
          multiline
          rows={4}
          value={doc.description}
          maxLength={LIMITS.description}
          placeholder="What is this map for? (training, optimisation, monitoring…)"
          onCommit={(description) => run(cmd('setMapDescription', { description }), { coalesceKey: 'map:description' })}
        />
      </label>
      <dl className="stats">
        <dt>Steps</dt>
        <dd>{steps.length}</dd>
        <dt>Lanes</dt>
        <dd>{Object.keys(doc.roles).length}</dd>
        <dt>Flows</dt>
        <dd>{Object.keys(doc.flows).length}</dd>
        {untitled > 0 && (
          <>
            <dt>Untitled steps</dt>
            <dd>{untitled}</dd>
          </>
        )}
      </dl>
      <p className="muted hint">Select a step to edit its role, inputs, outputs and resources. Press ? for keyboard shortcuts.</p>
    </div>
  );
}

export function Inspector() {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  const selection = useEditor((s) => s.selection);
  const count = selection.steps.length + selection.flows.length;
  let heading = 'Map';
  let body = <MapInspector doc={doc} />;
  if (count === 1 && selection.steps.length === 1 && doc.steps[selection.steps[0]!]) {
    const step = doc.steps[selection.steps[0]!]!;
    heading = KIND_LABEL[step.kind];
    body = <StepInspector step={step} doc={doc} />;
  } else if (count === 1 && selection.flows.length === 1 && doc.flows[selection.flows[0]!]) {
    heading = 'Flow';
    body = <FlowInspector flowId={selection.flows[0]!} doc={doc} />;
  } else if (count > 1) {
    heading = `${count} selected`;
    body = (
      <div className="inspector-body">
        <p className="muted">
          {selection.steps.length} steps and {selection.flows.length} flows selected. Drag one of them to move them all.
        </p>
        <button className="danger-outline" onClick={() => deleteSelection(store)}>
          <Trash2 size={14} aria-hidden /> Delete selection
        </button>
      </div>
    );
  }
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2 className="panel-title">{heading}</h2>
      {body}
    </aside>
  );
}

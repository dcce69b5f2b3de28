/**
 * The inspector's fields of the BPMN-like kinds: for a start, an event or an end, what it waits for
 * or sends (the trigger) and, for an event, whether it waits or sends; for a parallel split/join a
 * line on what it means; for a flow, "Message between parties". Each change is one command (one undo).
 */
import { cmd } from '../../../shared/model/commands';
import { EVENT_KINDS, EVENT_TRIGGERS, type EventTrigger, type MapDoc, type Step } from '../../../shared/model/types';
import { useT } from '../../i18n';
import { useEditorStore } from '../../store/context';

export function StepKindFields({ step }: { step: Step }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  if (step.kind === 'parallel') return <p className="muted hint kind-hint">{t('kinds.parallelHint')}</p>;
  if (!EVENT_KINDS.includes(step.kind)) return null;
  const label =
    step.kind === 'start'
      ? t('kinds.triggerStart')
      : step.kind === 'end'
        ? t('kinds.triggerEnd')
        : step.throwing
          ? t('kinds.triggerEventSends')
          : t('kinds.triggerEvent');
  return (
    <>
      <label className="field" title={t('kinds.triggerHint')}>
        <span>{label}</span>
        <select
          aria-label={label}
          data-field="trigger"
          value={step.trigger ?? ''}
          onChange={(e) => run(cmd('updateStep', { stepId: step.id, patch: { trigger: (e.target.value || null) as EventTrigger | null } }))}
        >
          <option value="">{t('common.triggers.none')}</option>
          {EVENT_TRIGGERS.map((k) => (
            <option key={k} value={k}>
              {t(`common.triggers.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {step.kind === 'event' && (
        <label className="field">
          <span>{t('kinds.direction')}</span>
          <select
            aria-label={t('kinds.direction')}
            data-field="throwing"
            value={step.throwing ? 'sends' : 'waits'}
            onChange={(e) => run(cmd('updateStep', { stepId: step.id, patch: { throwing: e.target.value === 'sends' } }))}
          >
            <option value="waits">{t('kinds.waits')}</option>
            <option value="sends">{t('kinds.sends')}</option>
          </select>
        </label>
      )}
    </>
  );
}

export function FlowMessageField({ flowId, doc }: { flowId: string; doc: MapDoc }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  const flow = doc.flows[flowId];
  if (!flow) return null;
  return (
    <label className="checkbox" title={t('kinds.messageHint')}>
      <input type="checkbox" checked={!!flow.message} onChange={(e) => run(cmd('setFlowMessage', { flowId, message: e.target.checked }))} />
      <span>{t('kinds.message')}</span>
    </label>
  );
}

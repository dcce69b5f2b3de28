/**
 * Automation in the inspector (issue 17): how a task or sub-process is done (by hand, partly
 * automated, automated) and the system that does it, suggested from the systems and resources
 * the map already names; and for a flow leaving a decision, the share of cases that take it.
 * Every change is one undoable command.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { automationOf, systemSuggestions } from '../../../shared/analysis/optimise';
import { cmd } from '../../../shared/model/commands';
import { AUTOMATION_LEVELS, LIMITS, type AutomationLevel, type MapDoc, type Step } from '../../../shared/model/types';
import { formatNumber, useT } from '../../i18n';
import { useEditorStore } from '../../store/context';
import './automation.css';
import { LimitedInput } from '../../components/limits/useTextLimit';

const suggestionsCache = new WeakMap<MapDoc, string[]>();
function suggestionsOf(doc: MapDoc): string[] {
  let list = suggestionsCache.get(doc);
  if (!list) suggestionsCache.set(doc, (list = systemSuggestions(doc)));
  return list;
}

const PAUSE_MS = 400;

/** The automation level and system of a task or sub-process (nothing for other kinds). */
export function StepAutomationFields({ step, doc }: { step: Step; doc: MapDoc }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  const listId = useId();
  const level = automationOf(step);
  const suggestions = useMemo(() => suggestionsOf(doc), [doc]);
  const [draft, setDraft] = useState(step.system ?? '');
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef({ draft, saved: step.system ?? '' });
  latest.current = { draft, saved: step.system ?? '' };
  useEffect(() => {
    if (!dirty.current) setDraft(step.system ?? '');
  }, [step.system]);
  const commit = () => {
    clearTimeout(timer.current);
    if (!dirty.current) return;
    dirty.current = false;
    const { draft: d, saved } = latest.current;
    if (d.trim() !== saved) run(cmd('updateStep', { stepId: step.id, patch: { system: d.trim() || null } }), { coalesceKey: `system:${step.id}` });
  };
  useEffect(() => () => commit(), []); // eslint-disable-line react-hooks/exhaustive-deps
  if (step.kind !== 'task' && step.kind !== 'subprocess') return null;
  const setLevel = (automation: AutomationLevel) => automation !== level && run(cmd('updateStep', { stepId: step.id, patch: { automation } }));
  return (
    <div className="automation-fields">
      <fieldset className="field automation-levels">
        <legend>{t('optimise.automation.label')}</legend>
        <div className="segmented" role="radiogroup" aria-label={t('automationUi.levelGroup')}>
          {AUTOMATION_LEVELS.map((l) => (
            <label key={l} className={`segment${l === level ? ' is-on' : ''}`} title={t(`optimise.automation.levels.${l}`)}>
              <input
                type="radio"
                name={`automation-${step.id}`}
                value={l}
                checked={l === level}
                aria-label={t(`optimise.automation.levels.${l}`)}
                onChange={() => setLevel(l)}
              />
              <span aria-hidden>{t(`automationUi.short.${l}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>{t('optimise.automation.system')}</span>
        <LimitedInput
          aria-label={t('automationUi.systemLabel')}
          list={listId}
          value={draft}
          maxLength={LIMITS.system}
          placeholder={t('automationUi.systemPlaceholder')}
          title={t('automationUi.systemHint')}
          onChange={(e) => {
            dirty.current = true;
            setDraft(e.target.value);
            clearTimeout(timer.current);
            // a suggestion picked from the list is taken at once; typing after a pause
            const picked = (e.nativeEvent as InputEvent).inputType === 'insertReplacementText' || !(e.nativeEvent as InputEvent).inputType;
            if (picked && suggestions.includes(e.target.value)) commit();
            else timer.current = setTimeout(commit, PAUSE_MS);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
        <datalist id={listId}>
          {suggestions
            .filter((s) => s !== step.system)
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      </label>
    </div>
  );
}

/** Reads "12,5", "12.5", "12,5 %"; null for an empty field, NaN for anything else. */
export function parseShare(text: string): number | null {
  const s = text.replace(/%/g, '').replace(/\s/g, '').replace(',', '.');
  if (s === '') return null;
  return /^\d+(\.\d+)?$|^\.\d+$/.test(s) ? Number(s) : NaN;
}

/** The share of cases a flow out of a decision takes (nothing for other flows). */
export function FlowShareField({ flowId, doc }: { flowId: string; doc: MapDoc }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  const flow = doc.flows[flowId]!;
  const from = doc.steps[flow.fromStepId];
  const siblings = useMemo(() => Object.values(doc.flows).filter((f) => f.fromStepId === flow.fromStepId), [doc.flows, flow.fromStepId]);
  const shown = flow.share === undefined ? '' : formatNumber(flow.share, 1);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState(false);
  const errorId = useId();
  useEffect(() => {
    setDraft(shown);
    setError(false);
  }, [shown]);
  if (from?.kind !== 'decision' || siblings.length < 2) return null;
  const commit = () => {
    const v = parseShare(draft);
    if (v !== null && (!Number.isFinite(v) || v < 0 || v > 100)) return setError(true);
    setError(false);
    if (v === (flow.share ?? null)) return setDraft(shown);
    run(cmd('setFlowShare', { flowId, share: v }));
  };
  const said = siblings.filter((f) => f.share !== undefined);
  const saidTotal = said.reduce((n, f) => n + f.share!, 0);
  const rest = siblings.length - said.length;
  const each = rest > 0 ? Math.max(0, 100 - saidTotal) / rest : 0;
  const pct = (n: number) => `${formatNumber(n, 1)} %`;
  let hint = '';
  if (saidTotal > 100 || (rest === 0 && saidTotal !== 100)) hint = t('automationUi.shareOver', { total: pct(saidTotal) });
  else if (flow.share === undefined) hint = t('automationUi.shareRestNone', { each: pct(each) });
  else if (rest > 0) hint = t('automationUi.shareRest', { each: pct(each) });
  return (
    <label className="field flow-share">
      <span>{t('automationUi.share')}</span>
      <LimitedInput
        aria-label={t('automationUi.shareLabel')}
        inputMode="decimal"
        value={draft}
        maxLength={12}
        placeholder={flow.share === undefined ? pct(each) : t('automationUi.sharePlaceholder')}
        aria-invalid={error}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => [setDraft(e.target.value), setError(false)]}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(shown);
            setError(false);
          }
        }}
      />
      {error ? (
        <span className="field-error" role="alert" id={errorId}>
          {t('automationUi.shareInvalid')}
        </span>
      ) : (
        hint && <span className="muted hint">{hint}</span>
      )}
    </label>
  );
}

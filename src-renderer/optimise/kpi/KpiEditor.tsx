/**
 * The KPIs of a phase or a step, edited in place: name, unit (with suggestions), target,
 * current value (a decimal comma is fine: «12,5») and which way is better. Every committed edit
 * is one `setKpis` command; typing in a field is committed after a pause, on Enter and on leaving
 * the field, and the commits of one field coalesce into one undo step (as CommitField does).
 */
import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { kpiStatus } from '../../../shared/analysis/optimise';
import { cmd } from '../../../shared/model/commands';
import { newId } from '../../../shared/model/ids';
import { LIMITS, type Kpi } from '../../../shared/model/types';
import { currentLanguage, useT } from '../../i18n';
import { useEditorStore } from '../../store/context';
import { KpiStatusIcon } from './KpiBadges';
import { editableNumber, parseKpiNumber } from './parse';
import './kpi.css';
import { LimitedInput } from '../../components/limits/useTextLimit';

export type KpiOwner = { kind: 'phase' | 'step'; id: string };

const PAUSE_MS = 400;

interface FieldProps {
  label: string;
  value: string;
  maxLength: number;
  /** null: refused (the field says why); otherwise the text to commit. */
  check?: (text: string) => string | null;
  error?: string;
  required?: boolean;
  list?: string;
  placeholder?: string;
  className?: string;
  inputMode?: 'decimal' | 'text';
  onCommit(text: string): void;
  inputRef?: React.Ref<HTMLInputElement>;
}

/** A one-line field: typing is kept locally and committed after a pause, on Enter and on blur. */
function DraftField({ label, value, maxLength, check, error, required, list, placeholder, className, inputMode, onCommit, inputRef }: FieldProps) {
  const [draft, setDraft] = useState(value);
  const [bad, setBad] = useState(false);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef({ value, onCommit, draft, check });
  latest.current = { value, onCommit, draft, check };
  const errorId = useId();

  useEffect(() => {
    if (!dirty.current) {
      setDraft(value);
      setBad(false);
    }
  }, [value]);

  const commit = (final = true) => {
    clearTimeout(timer.current);
    if (!dirty.current) return;
    const { draft: d, value: v, onCommit: fn, check: ck } = latest.current;
    if (required && !d.trim()) {
      if (!final) return;
      dirty.current = false;
      setDraft(v);
      return;
    }
    const out = ck ? ck(d) : d;
    if (out === null) {
      setBad(true);
      return;
    }
    setBad(false);
    dirty.current = false;
    if (out !== v) fn(out);
  };
  useEffect(() => () => commit(), []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      <LimitedInput
        ref={inputRef}
        type="text"
        aria-label={label}
        title={label}
        value={draft}
        maxLength={maxLength}
        list={list}
        placeholder={placeholder}
        className={className}
        inputMode={inputMode}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? errorId : undefined}
        onChange={(e) => {
          dirty.current = true;
          setDraft(e.target.value);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(false), PAUSE_MS);
        }}
        onBlur={() => commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {bad && error && (
        <span id={errorId} className="kpi-field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** The KPI list of one phase or step, with its add / edit / remove controls. */
export function KpiEditor({ owner, kpis, heading = true }: { owner: KpiOwner; kpis: Kpi[]; heading?: boolean }) {
  const t = useT();
  const run = useEditorStore().getState().run;
  const listId = useId();
  const comma = currentLanguage() === 'ru';
  const [focusId, setFocusId] = useState<string | null>(null);
  const focusRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    if (focusId && focusRef.current) {
      focusRef.current.focus();
      focusRef.current.select();
      setFocusId(null);
    }
  }, [focusId, kpis]);

  const save = (next: Kpi[], key?: string) => run(cmd('setKpis', { target: owner, kpis: next }), key ? { coalesceKey: key } : undefined);
  const patch = (id: string, field: keyof Kpi, value: Partial<Kpi>) =>
    save(
      kpis.map((k) => (k.id === id ? { ...k, ...value } : k)),
      `kpi:${owner.kind}:${owner.id}:${id}:${field}`,
    );
  const numberCheck = (text: string) => {
    const p = parseKpiNumber(text);
    return p.ok ? editableNumber(p.value, comma) : null;
  };
  const numberOf = (text: string) => {
    const p = parseKpiNumber(text);
    return p.ok ? p.value : null;
  };
  const full = kpis.length >= LIMITS.kpisPerItem;
  const units = t('kpiUi.unitSuggestions').split('|');

  return (
    <div className="kpi-editor">
      {heading && (
        <div className="kpi-editor-heading">
          <span className="kpi-editor-title">{t('kpiUi.section')}</span>
        </div>
      )}
      {kpis.length === 0 && <p className="muted hint kpi-empty">{t('kpiUi.empty')}</p>}
      <datalist id={listId}>
        {units.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <ul className="kpi-list">
        {kpis.map((k) => {
          const status = kpiStatus(k);
          const name = k.name;
          const fieldLabel = (field: string) => t('kpiUi.fieldOf', { field, name });
          return (
            <li key={k.id} className={`kpi-row kpi-${status}`} data-kpi-id={k.id}>
              <div className="kpi-row-head">
                <KpiStatusIcon status={status} />
                <DraftField
                  label={fieldLabel(t('kpiUi.name'))}
                  value={k.name}
                  required
                  maxLength={LIMITS.kpiName}
                  placeholder={t('kpiUi.namePlaceholder')}
                  className="kpi-name"
                  inputRef={focusId === k.id ? focusRef : undefined}
                  onCommit={(text) => patch(k.id, 'name', { name: text.trim() })}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('kpiUi.remove', { name })}
                  title={t('kpiUi.remove', { name })}
                  onClick={() => save(kpis.filter((x) => x.id !== k.id))}
                >
                  <Trash2 size={13} aria-hidden />
                </button>
              </div>
              <div className="kpi-row-fields">
                <label className="kpi-field">
                  <span>{t('kpiUi.target')}</span>
                  <DraftField
                    label={fieldLabel(t('kpiUi.target'))}
                    value={editableNumber(k.target, comma)}
                    maxLength={24}
                    inputMode="decimal"
                    placeholder="—"
                    check={numberCheck}
                    error={t('kpiUi.notANumber')}
                    onCommit={(text) => patch(k.id, 'target', { target: numberOf(text) })}
                  />
                </label>
                <label className="kpi-field">
                  <span>{t('kpiUi.current')}</span>
                  <DraftField
                    label={fieldLabel(t('kpiUi.current'))}
                    value={editableNumber(k.current, comma)}
                    maxLength={24}
                    inputMode="decimal"
                    placeholder="—"
                    check={numberCheck}
                    error={t('kpiUi.notANumber')}
                    onCommit={(text) => patch(k.id, 'current', { current: numberOf(text) })}
                  />
                </label>
                <label className="kpi-field kpi-unit">
                  <span>{t('kpiUi.unit')}</span>
                  <DraftField
                    label={fieldLabel(t('kpiUi.unit'))}
                    value={k.unit}
                    maxLength={LIMITS.kpiUnit}
                    list={listId}
                    onCommit={(text) => patch(k.id, 'unit', { unit: text.trim() })}
                  />
                </label>
                <label className="kpi-field kpi-better">
                  <span>{t('kpiUi.better')}</span>
                  <select
                    aria-label={fieldLabel(t('kpiUi.better'))}
                    title={t(`optimise.kpi.better.${k.better}`)}
                    value={k.better}
                    onChange={(e) => save(kpis.map((x) => (x.id === k.id ? { ...x, better: e.target.value === 'lower' ? 'lower' : 'higher' } : x)))}
                  >
                    <option value="higher">↑ {t('kpiUi.higher')}</option>
                    <option value="lower">↓ {t('kpiUi.lower')}</option>
                  </select>
                </label>
              </div>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="add-role kpi-add"
        data-autofocus={kpis.length === 0 || undefined}
        disabled={full}
        title={full ? t('kpiUi.limit', { count: LIMITS.kpisPerItem }) : undefined}
        onClick={() => {
          const id = newId();
          if (save([...kpis, { id, name: t('kpiUi.newName'), unit: '', target: null, current: null, better: 'higher' }])) setFocusId(id);
        }}
      >
        <Plus size={14} aria-hidden /> {t('kpiUi.add')}
      </button>
      {full && <p className="muted hint">{t('kpiUi.limit', { count: LIMITS.kpisPerItem })}</p>}
    </div>
  );
}

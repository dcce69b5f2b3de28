/**
 * The RACI matrix of the open map (issue 10, part 3): a row per task, sub-process and decision
 * (reading order, grouped under their phase), a column per role. A click, Enter or Space cycles
 * a cell (none → A → C → I on other roles, R ↔ R/A on the step's own role); A, C, I set a
 * letter, Delete or Backspace clears it, arrows move. Every change is one `setRaci` command, so
 * it is undone with Ctrl+Z and stored like any edit. Rows the check "exactly one A" flags carry
 * a marker. Rows are virtualised (fixed heights), so a map of thousands of steps scrolls.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cmd } from '../../../shared/model/commands';
import type { Phase, RaciLetter, Role, StepKind } from '../../../shared/model/types';
import { letterForKey, nextRaciLetter, raciKey, raciMatrix, type RaciMark, type RaciRow } from '../../../shared/views/raci';
import { useReviewedFindings } from '../../analysis/useAnalysis';
import type { Finding } from '../../../shared/analysis/checks';
import { useLanguage, useT, type Language } from '../../i18n';
import { notify } from '../../store/notices';
import { useEditor, useEditorStore } from '../../store/context';
import { ViewBar } from './ViewBar';
import './raci.css';

const STEP_W = 260;
const ROLE_W = 104;
const HEAD_H = 66;
const ROW_H = 44;
const PHASE_H = 30;

type Line = { kind: 'phase'; phase: Phase | null } | { kind: 'step'; row: RaciRow; index: number };

const MARK_KEY: Record<RaciMark, 'R' | 'RA' | 'A' | 'C' | 'I' | 'none'> = { R: 'R', 'R/A': 'RA', A: 'A', C: 'C', I: 'I', '': 'none' };

/** Until the first analysis of a big map is in. */
const NO_FINDINGS: Finding[] = [];

export function RaciView() {
  const t = useT();
  const lang = useLanguage();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  const selected = useEditor((s) => s.selection.steps);
  // the map's open findings (shared with the Check tab; in a worker for a big map)
  const open = useReviewedFindings()?.open ?? NO_FINDINGS;
  const matrix = useMemo(() => raciMatrix(doc), [doc]);
  const { roles, rows } = matrix;

  // the rows the checks flag (rule on, finding not set aside), and the idle roles
  const { flagged, idle } = useMemo(() => {
    const ids = (rule: string) => new Set(open.filter((f) => f.rule === rule && f.target.kind !== 'map').map((f) => (f.target as { id: string }).id));
    return { flagged: ids('raci-accountable'), idle: ids('raci-idle-role') };
  }, [open]);

  // rows under a line naming their phase, when the map has phases
  const lines = useMemo(() => {
    const out: Line[] = [];
    const phased = Object.keys(doc.phases).length > 0;
    let last: string | null | undefined;
    rows.forEach((row, index) => {
      const phaseId = row.phase?.id ?? null;
      if (phased && phaseId !== last) out.push({ kind: 'phase', phase: row.phase });
      last = phaseId;
      out.push({ kind: 'step', row, index });
    });
    return out;
  }, [rows, doc.phases]);
  const lineOfRow = useMemo(() => {
    const at: number[] = [];
    lines.forEach((l, i) => l.kind === 'step' && (at[l.index] = i));
    return at;
  }, [lines]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (lines[i]?.kind === 'phase' ? PHASE_H : ROW_H),
    paddingStart: HEAD_H,
    scrollPaddingStart: HEAD_H,
    overscan: 12,
  });

  // the cell that has the keyboard: column 0 is the step's own cell, 1… the roles
  const [active, setActive] = useState({ row: 0, col: 1 });
  const row = Math.min(active.row, Math.max(0, rows.length - 1));
  const col = Math.min(active.col, roles.length);
  const wantFocus = useRef(false);
  useEffect(() => {
    if (!wantFocus.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${row}:${col}"]`);
    if (el) {
      wantFocus.current = false;
      el.focus();
    }
  });

  function moveTo(r: number, c: number) {
    const nr = Math.max(0, Math.min(rows.length - 1, r));
    const nc = Math.max(0, Math.min(roles.length, c));
    setActive({ row: nr, col: nc });
    wantFocus.current = true;
    virtualizer.scrollToIndex(lineOfRow[nr] ?? 0, { align: 'auto' });
  }

  function setLetter(r: RaciRow, role: Role, letter: RaciLetter | null) {
    if (readOnly) return;
    store.getState().run(cmd('setRaci', { stepId: r.step.id, roleId: role.id, letter }));
  }

  function selectStep(r: RaciRow) {
    store.getState().select({ steps: [r.step.id], flows: [] });
  }

  // what a click does, with stable identities so that unchanged rows are not drawn again
  const latest = useRef({ rows, roles, setLetter, selectStep });
  latest.current = { rows, roles, setLetter, selectStep };
  const onCell = useCallback((i: number, c: number) => {
    const { rows, roles, setLetter, selectStep } = latest.current;
    const r = rows[i];
    if (!r) return;
    setActive({ row: i, col: c });
    if (c === 0) selectStep(r);
    else setLetter(r, roles[c - 1]!, nextRaciLetter(r.marks[c - 1]!));
  }, []);
  const texts = useMemo(() => rowTexts(t, lang, roles), [t, lang, roles]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    // Ctrl+Home and Ctrl+End go to the first and last row; other shortcuts are the editor's
    const ctrlHomeEnd = e.ctrlKey && (e.key === 'Home' || e.key === 'End');
    if (e.altKey || e.metaKey || (e.ctrlKey && !ctrlHomeEnd) || rows.length === 0) return;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEAD_H) / ROW_H) - 1);
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, col],
      ArrowDown: [row + 1, col],
      ArrowLeft: [row, col - 1],
      ArrowRight: [row, col + 1],
      PageUp: [row - page, col],
      PageDown: [row + page, col],
      Home: ctrlHomeEnd ? [0, col] : [row, 0],
      End: ctrlHomeEnd ? [rows.length - 1, col] : [row, roles.length],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      moveTo(move[0], move[1]);
      return;
    }
    const r = rows[row]!;
    if (col === 0) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        selectStep(r);
      }
      return;
    }
    const role = roles[col - 1]!;
    const mark = r.marks[col - 1]!;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setLetter(r, role, nextRaciLetter(mark));
      return;
    }
    const key = raciKey(e.key, e.code);
    if (!key) return;
    e.preventDefault();
    if (readOnly) return;
    const what = letterForKey(key, mark);
    if ('refused' in what) notify.info(t(what.refused === 'own-role' ? 'raciView.refusedOwn' : 'raciView.refusedR'));
    else if ((what.letter === null && (mark === '' || mark === 'R')) || what.letter === mark || (what.letter === 'A' && mark === 'R/A')) return;
    else setLetter(r, role, what.letter);
  }

  const missing = rows.filter((r) => flagged.has(r.step.id)).length;
  const facts = (
    <>
      <span>{t('common.stepCount', { count: rows.length })}</span>
      <span>{t('common.roleCount', { count: roles.length })}</span>
      {matrix.usesRaci && rows.length > 0 && (
        <span className={missing > 0 ? 'mx-fact-warn' : 'mx-fact-ok'}>
          {missing > 0 ? t('raciView.missing', { count: missing }) : t('raciView.allAccountable')}
        </span>
      )}
    </>
  );
  const legend = (
    <p className="raci-legend">
      {(['R', 'A', 'C', 'I'] as const).map((l) => (
        <span key={l}>
          <span className={`raci-mark raci-mark-${l}`}>{l}</span> {t(`raciView.legend.${l}`)}
        </span>
      ))}
    </p>
  );

  const bar = (
    <ViewBar view="raci" title={t('raciView.title')} facts={facts}>
      {legend}
      <p>
        {t('raciView.rowsNote')} {!readOnly && t('raciView.keysHint')}
      </p>
      {!matrix.usesRaci && rows.length > 0 && <p className="raci-not-used">{t('raciView.notUsed')}</p>}
    </ViewBar>
  );
  if (roles.length === 0 || rows.length === 0) {
    return (
      <div className="mx-view raci-view">
        {bar}
        <p className="mx-empty">{roles.length === 0 ? t('raciView.emptyRoles') : t('raciView.emptyRows')}</p>
      </div>
    );
  }

  const width = STEP_W + roles.length * ROLE_W;
  const items = virtualizer.getVirtualItems();
  const activeShown = items.some((v) => {
    const l = lines[v.index];
    return l?.kind === 'step' && l.index === row;
  });
  const selectedSet = new Set(selected);

  return (
    <div className="mx-view raci-view">
      {bar}
      <div
        ref={scrollRef}
        className="raci-scroll"
        role="grid"
        aria-label={t('raciView.gridLabel')}
        aria-rowcount={rows.length + 1}
        aria-colcount={roles.length + 1}
        aria-readonly={readOnly || undefined}
        data-own-keys=""
        onKeyDown={onKeyDown}
        // the grid is reached by Tab through its active cell; scrolled away from it, through itself
        tabIndex={activeShown ? -1 : 0}
        onFocus={(e) => {
          if (e.target !== e.currentTarget) return;
          const top = (virtualizer.scrollOffset ?? 0) + HEAD_H;
          const first = items
            .filter((v) => v.start >= top)
            .map((v) => lines[v.index]!)
            .find((l) => l.kind === 'step');
          if (first?.kind === 'step') moveTo(first.index, col);
        }}
        style={{ scrollPaddingLeft: STEP_W, scrollPaddingTop: HEAD_H }}
      >
        <div
          className="raci-grid"
          style={{ height: virtualizer.getTotalSize(), width, ['--step-w' as string]: `${STEP_W}px`, ['--role-w' as string]: `${ROLE_W}px` }}
        >
          <div className="raci-row raci-head" role="row" aria-rowindex={1} style={{ height: HEAD_H }}>
            <div className="raci-step raci-corner" role="columnheader">
              {t('raciView.step')}
            </div>
            {roles.map((role) => (
              <div key={role.id} className="raci-role" role="columnheader" title={role.name} style={{ ['--role-color' as string]: role.color }}>
                <span className="raci-role-name" translate="no">
                  {role.name}
                </span>
                {idle.has(role.id) && (
                  <span className="raci-idle" title={t('raciView.idleRole')} aria-label={t('raciView.idleRole')}>
                    ?
                  </span>
                )}
              </div>
            ))}
          </div>
          {items.map((v) => {
            const line = lines[v.index]!;
            if (line.kind === 'phase')
              return (
                <div
                  key={`phase-${line.phase?.id ?? ''}`}
                  className="raci-phase"
                  role="presentation"
                  style={{ height: PHASE_H, transform: `translateY(${v.start}px)` }}
                >
                  <span translate="no">{line.phase ? line.phase.name : t('common.noPhase')}</span>
                </div>
              );
            const i = line.index;
            return (
              <RaciLine
                key={line.row.step.id}
                row={line.row}
                index={i}
                top={v.start}
                roles={roles}
                activeCol={row === i ? col : -1}
                selected={selectedSet.has(line.row.step.id)}
                flagged={flagged.has(line.row.step.id)}
                texts={texts}
                onCell={onCell}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

type T = ReturnType<typeof useT>;

/** The words a row needs, said once per language and set of roles rather than once per cell. */
function rowTexts(t: T, _lang: Language, roles: Role[]) {
  const meaning = Object.fromEntries((Object.keys(MARK_KEY) as RaciMark[]).map((m) => [m, t(`raciView.cell.${MARK_KEY[m]}`)])) as Record<RaciMark, string>;
  const kinds = Object.fromEntries((['start', 'task', 'subprocess', 'decision', 'end'] as const).map((k) => [k, t(`common.kinds.${k}`)])) as Record<
    StepKind,
    string
  >;
  return {
    /** A cell's label: "role: what it does". */
    cell: roles.map(
      (role) =>
        Object.fromEntries((Object.keys(MARK_KEY) as RaciMark[]).map((m) => [m, t('raciView.cellLabel', { role: role.name, meaning: meaning[m] })])) as Record<
          RaciMark,
          string
        >,
    ),
    kinds,
    showStep: t('raciView.showStep'),
    untitled: t('common.untitledStep'),
    noA: t('raciView.noA'),
    noATip: t('raciView.noATip'),
    manyA: (n: number) => t('raciView.manyA', { count: n }),
    manyATip: (n: number) => t('raciView.manyATip', { count: n }),
  };
}

/** One step's row: drawn again only when it, its focus or its marks change. */
const RaciLine = memo(function RaciLine(props: {
  row: RaciRow;
  index: number;
  top: number;
  roles: Role[];
  /** The column that has the keyboard in this row, or -1. */
  activeCol: number;
  selected: boolean;
  flagged: boolean;
  texts: ReturnType<typeof rowTexts>;
  onCell(index: number, col: number): void;
}) {
  const { row: r, index: i, top, roles, activeCol, selected, flagged, texts, onCell } = props;
  return (
    <div
      className={`raci-row${selected ? ' is-selected' : ''}${flagged ? ' is-flagged' : ''}`}
      role="row"
      aria-rowindex={i + 2}
      data-step={r.step.id}
      style={{ height: ROW_H, transform: `translateY(${top}px)` }}
    >
      <div
        className="raci-step"
        role="rowheader"
        data-cell={`${i}:0`}
        tabIndex={activeCol === 0 ? 0 : -1}
        title={`${r.step.title}\n${texts.showStep}`}
        onClick={() => onCell(i, 0)}
      >
        <span className={`raci-kind raci-kind-${r.step.kind}`} role="img" aria-label={texts.kinds[r.step.kind]} />
        <span className="raci-step-title" translate="no">
          {r.step.title.trim() || texts.untitled}
        </span>
        {flagged && (
          <span
            className="raci-flag"
            title={r.accountable === 0 ? texts.noATip : texts.manyATip(r.accountable)}
            data-flag={r.accountable === 0 ? 'none' : 'many'}
          >
            {r.accountable === 0 ? texts.noA : texts.manyA(r.accountable)}
          </span>
        )}
      </div>
      {roles.map((role, c) => {
        const mark = r.marks[c]!;
        const label = texts.cell[c]![mark];
        return (
          <div
            key={role.id}
            className={`raci-cell${mark === 'R' || mark === 'R/A' ? ' is-own' : ''}`}
            role="gridcell"
            data-cell={`${i}:${c + 1}`}
            data-role={role.id}
            tabIndex={activeCol === c + 1 ? 0 : -1}
            aria-label={label}
            title={label}
            onClick={() => onCell(i, c + 1)}
          >
            {mark && <span className={`raci-mark raci-mark-${mark === 'R/A' ? 'RA' : mark}`}>{mark}</span>}
          </div>
        );
      })}
    </div>
  );
});

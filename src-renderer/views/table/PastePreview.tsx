/**
 * The preview of a paste into the step table: how the block was read (header row or at the
 * active cell), what it adds and changes, the lanes and phases it creates, and every problem
 * by row and column. Nothing changes until Apply, which is one undo step; with a problem Apply
 * is off. The block's text can be pasted or corrected here too, and the preview follows it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { newId } from '../../../shared/model/ids';
import { TABLE_COLUMNS } from '../../../shared/views/table';
import { parseTsv, pasteCommand, planPaste, type PasteTarget } from '../../../shared/views/tablePaste';
import { useT } from '../../i18n';
import { useEditor, useEditorStore } from '../../store/context';
import { pasteErrorPlace, pasteErrorText } from './messages';

/** How many errors and rows the preview lists (the counts say how many more there are). */
const SHOW_ERRORS = 30;
const SHOW_ROWS = 60;
/** A long description is shown by its beginning. */
const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

export function PastePreview(props: { initialText: string; target: PasteTarget; onClose(applied?: { added: number; cells: number; first?: string }): void }) {
  const t = useT();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  const [text, setText] = useState(props.initialText);
  const plan = useMemo(() => (text.trim() ? planPaste(doc, parseTsv(text), props.target) : null), [doc, text, props.target]);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const applyRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // a block pasted in the table: Apply (or Esc) is next; the button: paste into the box first
    if (!props.initialText) textRef.current?.focus();
    else if (applyRef.current && !applyRef.current.disabled) applyRef.current.focus();
    else cancelRef.current?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const cells = plan ? plan.updates.reduce((n, u) => n + u.changes.length, 0) : 0;
  const canApply = !!plan && plan.errors.length === 0 && (plan.adds.length > 0 || plan.updates.length > 0);

  const apply = () => {
    if (!plan || !canApply) return;
    const command = pasteCommand(doc, plan, newId);
    if (!command || !store.getState().run(command)) return;
    const firstAdded = command.type === 'pasteSteps' ? command.args.adds[0]?.id : undefined;
    if (firstAdded) store.getState().select({ steps: [firstAdded], flows: [] });
    props.onClose({ added: plan.adds.length, cells, first: firstAdded });
  };

  const column = (c: (typeof TABLE_COLUMNS)[number]) => t(`tableView.columns.${c}`);
  const quoted = (names: string[]) => names.map((n) => `«${n}»`).join(', ');

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className="dialog paste-preview"
        role="dialog"
        aria-modal="true"
        aria-labelledby="paste-preview-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        <h2 id="paste-preview-title">{t('tableView.preview.title')}</h2>
        {plan && (
          <div className="paste-summary">
            <p>
              {plan.mode === 'header'
                ? t('tableView.preview.modeHeader')
                : t('tableView.preview.modePosition', { column: column(plan.start!.column), row: plan.start!.row + 1 })}
            </p>
            {plan.columns.some(Boolean) && (
              <p className="muted">
                {t('tableView.preview.columns', {
                  names: plan.columns
                    .filter((c) => c !== null)
                    .map(column)
                    .join(', '),
                })}
              </p>
            )}
            {plan.ignored.length > 0 && <p className="paste-warning">{t('tableView.preview.ignored', { names: quoted(plan.ignored) })}</p>}
            {(['duration', 'wait'] as const).map(
              (c) =>
                plan.bareUnits[c] && (
                  <p key={c} className="muted">
                    {t('tableView.preview.bareUnit', { column: column(c), unit: t(`tableView.preview.units.${plan.bareUnits[c]}`) })}
                  </p>
                ),
            )}
          </div>
        )}
        {plan && plan.errors.length > 0 && (
          <div className="paste-errors" role="alert">
            <p>
              <strong>{t('tableView.preview.errorsTitle', { count: plan.errors.length })}</strong>
            </p>
            <ul>
              {plan.errors.slice(0, SHOW_ERRORS).map((e, i) => {
                const place = pasteErrorPlace(t, e);
                return (
                  <li key={i}>
                    {place && <span className="paste-place">{place}: </span>}
                    <span>{pasteErrorText(t, e)}</span>
                  </li>
                );
              })}
            </ul>
            {plan.errors.length > SHOW_ERRORS && <p className="muted">{t('tableView.preview.moreErrors', { count: plan.errors.length - SHOW_ERRORS })}</p>}
          </div>
        )}
        {plan && plan.errors.length === 0 && <Changes plan={plan} cells={cells} />}
        <label className="field paste-text">
          <span>{t('tableView.preview.textLabel')}</span>
          <textarea
            ref={textRef}
            value={text}
            rows={props.initialText ? 3 : 6}
            placeholder={t('tableView.preview.textPlaceholder')}
            spellCheck={false}
            translate="no"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // a tab typed here is a cell separator, not a move to the next field
              if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && e.currentTarget.value) {
                e.preventDefault();
                e.currentTarget.setRangeText('\t', e.currentTarget.selectionStart, e.currentTarget.selectionEnd, 'end');
                setText(e.currentTarget.value);
              }
            }}
          />
        </label>
        <div className="dialog-actions">
          <button type="button" ref={cancelRef} onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="button" ref={applyRef} className="primary" disabled={!canApply} onClick={apply}>
            {t('tableView.preview.apply')}
          </button>
        </div>
      </div>
    </div>
  );
}

function Changes({ plan, cells }: { plan: NonNullable<ReturnType<typeof planPaste>>; cells: number }) {
  const t = useT();
  const column = (c: (typeof TABLE_COLUMNS)[number]) => t(`tableView.columns.${c}`);
  const quoted = (names: string[]) => names.map((n) => `«${n}»`).join(', ');
  const rows = [
    ...plan.adds.map((a) => ({ row: a.row, kind: 'add' as const, a })),
    ...plan.updates.map((u) => ({ row: u.row, kind: 'update' as const, u })),
  ].sort((x, y) => x.row - y.row);
  const nothing = plan.adds.length === 0 && plan.updates.length === 0;
  return (
    <div className="paste-changes">
      <ul className="paste-counts">
        {plan.adds.length > 0 && <li>{t('tableView.preview.added', { count: plan.adds.length })}</li>}
        {plan.updates.length > 0 && <li>{t('tableView.preview.changed', { steps: plan.updates.length, cells })}</li>}
        {plan.unchanged > 0 && <li>{t('tableView.preview.unchanged', { count: plan.unchanged })}</li>}
        {plan.emptyRows > 0 && <li>{t('tableView.preview.emptyRows', { count: plan.emptyRows })}</li>}
      </ul>
      {plan.newRoles.length > 0 && <p className="paste-new">{t('tableView.preview.newRoles', { names: quoted(plan.newRoles) })}</p>}
      {plan.newPhases.length > 0 && <p className="paste-new">{t('tableView.preview.newPhases', { names: quoted(plan.newPhases) })}</p>}
      {plan.adds.length > 0 && <p className="muted">{t('tableView.preview.noFlows')}</p>}
      {nothing ? (
        <p>{t('tableView.preview.nothing')}</p>
      ) : (
        <div className="paste-table-wrap">
          <table className="paste-table" aria-label={t('tableView.preview.changesTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('tableView.preview.row')}</th>
                <th scope="col">{t('tableView.preview.step')}</th>
                <th scope="col">{t('tableView.preview.change')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOW_ROWS).map((r) =>
                r.kind === 'add' ? (
                  <tr key={`a${r.row}`} className="is-add">
                    <td>{r.row}</td>
                    <td translate="no">{r.a.title}</td>
                    <td>
                      <span className="paste-badge">{t('tableView.preview.newStep')}</span>{' '}
                      <span translate="no">{[t(`tableView.kinds.${r.a.kind}`), r.a.role, r.a.phase].filter(Boolean).join(' · ')}</span>
                      {r.a.cells.map((c) => (
                        <div key={c.column} className="paste-change">
                          <span className="paste-col">{column(c.column)}:</span> <ins translate="no">{clip(c.to)}</ins>
                        </div>
                      ))}
                    </td>
                  </tr>
                ) : (
                  <tr key={`u${r.row}`}>
                    <td>{r.row}</td>
                    <td translate="no">{r.u.title || '—'}</td>
                    <td>
                      {r.u.changes.map((c) => (
                        <div key={c.column} className="paste-change">
                          <span className="paste-col">{column(c.column)}:</span> <del translate="no">{clip(c.from) || t('tableView.preview.empty')}</del> →{' '}
                          <ins translate="no">{clip(c.to) || t('tableView.preview.empty')}</ins>
                        </div>
                      ))}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          {rows.length > SHOW_ROWS && <p className="muted">{t('tableView.preview.moreRows', { count: rows.length - SHOW_ROWS })}</p>}
        </div>
      )}
    </div>
  );
}

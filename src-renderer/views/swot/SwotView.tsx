/**
 * The SWOT board of the open map (issue 17): four quadrants of short notes, typed quickly from
 * the keyboard. Each quadrant has a field: type, Enter adds the note and the field stays for the
 * next one; Tab goes to the next quadrant's field, ↑ into the quadrant's notes. On a note: ↑ ↓
 * move between notes, Enter or F2 edits it in place (Enter keeps, Esc cancels), Delete removes
 * it, Alt+arrows move it within and between quadrants, L links it to steps. Notes are also
 * dragged with the mouse. A linked note shows its steps as chips: a click shows them on the map.
 * Every change is one command (add/edit/move/delete/linkSwotNote), undone with Ctrl+Z.
 */
import { GripVertical, Link2, MapPin, Pencil, Trash2 } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import { cmd } from '../../../shared/model/commands';
import { newId } from '../../../shared/model/ids';
import { LIMITS, type MapDoc, type SwotNote, type SwotQuadrant } from '../../../shared/model/types';
import { SWOT_GRID, linkedSteps, swotByQuadrant, swotKeyMove } from '../../../shared/views/swot';
import { useLanguage, useT } from '../../i18n';
import { useEditor, useEditorStore } from '../../store/context';
import { SwotExportButtons } from '../export/SwotExportButtons';
import { ViewBar } from '../raci/ViewBar';
import { StepPicker } from './StepPicker';
import { useShowSteps } from './showSteps';
import './swot.css';

const LETTERS: Record<SwotQuadrant, string> = { strengths: 'S', weaknesses: 'W', opportunities: 'O', threats: 'T' };
const DRAG_TYPE = 'application/x-lanemap-swot-note';

type Focus = { note: string } | { input: SwotQuadrant };

export function SwotView() {
  const t = useT();
  useLanguage();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc)!;
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  const by = useMemo(() => swotByQuadrant(doc), [doc]);
  const total = doc.swot?.length ?? 0;
  const rootRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [picking, setPicking] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  // the note of each quadrant that Tab reaches (the last one focused)
  const [active, setActive] = useState<Partial<Record<SwotQuadrant, string>>>({});
  const [drag, setDrag] = useState<{ id: string; over?: { quadrant: SwotQuadrant; index: number } } | null>(null);
  const showSteps = useShowSteps();

  // focus asked for by a key (after the board is drawn again)
  const want = useRef<Focus | null>(null);
  useLayoutEffect(() => {
    const w = want.current;
    if (!w) return;
    const sel = 'note' in w ? `[data-note="${CSS.escape(w.note)}"]` : `[data-add="${w.input}"]`;
    const el = rootRef.current?.querySelector<HTMLElement>(sel);
    if (el) {
      want.current = null;
      el.focus();
    }
  });
  const focus = (f: Focus) => {
    want.current = f;
    // drawn already (nothing changed): focus now
    const sel = 'note' in f ? `[data-note="${CSS.escape(f.note)}"]` : `[data-add="${f.input}"]`;
    const el = rootRef.current?.querySelector<HTMLElement>(sel);
    if (el) {
      el.focus();
      want.current = null;
    }
  };

  // opened to type in: the first field has the keyboard, unless it is moving along the view tabs or typing elsewhere
  useEffect(() => {
    const now = document.activeElement;
    const busy = now instanceof HTMLElement && (now.closest('[role="tablist"], [role="dialog"]') || now.matches('input, textarea, select, [contenteditable="true"]'));
    if (!readOnly && !busy) rootRef.current?.querySelector<HTMLElement>('[data-add="strengths"]')?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const quadrantName = (q: SwotQuadrant) => t(`swotView.quadrants.${q}`);
  const run = (c: Parameters<ReturnType<typeof store.getState>['run']>[0]) => !readOnly && store.getState().run(c);

  function move(note: SwotNote, to: { quadrant: SwotQuadrant; index: number }) {
    if (!run(cmd('moveSwotNote', { id: note.id, ...to }))) return;
    const now = swotByQuadrant(store.getState().doc!)[to.quadrant];
    setStatus(t('swotView.moved', { quadrant: quadrantName(to.quadrant), n: now.findIndex((n) => n.id === note.id) + 1, total: now.length }));
    want.current = { note: note.id };
  }

  function remove(note: SwotNote) {
    const list = by[note.quadrant];
    const i = list.indexOf(note);
    if (!run(cmd('deleteSwotNote', { id: note.id }))) return;
    setStatus(t('swotView.deleted'));
    const next = list[i + 1] ?? list[i - 1];
    want.current = next ? { note: next.id } : { input: note.quadrant };
  }

  function onNoteKey(e: KeyboardEvent<HTMLLIElement>, note: SwotNote) {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey) return;
    const list = by[note.quadrant];
    const i = list.indexOf(note);
    const arrow = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const)[e.key as 'ArrowUp'];
    let handled = true;
    if (e.altKey) {
      const to = arrow && !readOnly ? swotKeyMove(doc, note.id, arrow) : null;
      if (to) move(note, to);
      else handled = !!arrow;
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const j = i + (e.key === 'ArrowUp' ? -1 : 1);
      if (list[j]) focus({ note: list[j].id });
      else if (j >= list.length && !readOnly) focus({ input: note.quadrant });
    } else if (e.key === 'Home') focus({ note: list[0]!.id });
    else if (e.key === 'End') focus({ note: list[list.length - 1]!.id });
    else if ((e.key === 'Enter' || e.key === 'F2') && !readOnly) setEditing(note.id);
    else if ((e.key === 'Delete' || e.key === 'Backspace') && !readOnly) remove(note);
    else if ((e.code === 'KeyL' || e.key.toLowerCase() === 'l') && !e.shiftKey && !readOnly) setPicking(note.id);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  // --- dragging with the mouse: the place a note would land is worked out from the pointer
  function dropIndex(e: DragEvent<HTMLElement>, quadrant: SwotQuadrant): number {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-note]')].filter((el) => el.dataset.note !== drag?.id);
    const at = items.findIndex((el) => {
      const r = el.getBoundingClientRect();
      return e.clientY < r.top + r.height / 2;
    });
    return at < 0 ? by[quadrant].filter((n) => n.id !== drag?.id).length : at;
  }
  const dropHandlers = (quadrant: SwotQuadrant) =>
    readOnly
      ? {}
      : {
          onDragOver(e: DragEvent<HTMLElement>) {
            if (!drag || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            const index = dropIndex(e, quadrant);
            if (drag.over?.quadrant !== quadrant || drag.over.index !== index) setDrag({ id: drag.id, over: { quadrant, index } });
          },
          onDrop(e: DragEvent<HTMLElement>) {
            const id = e.dataTransfer.getData(DRAG_TYPE) || drag?.id;
            const note = doc.swot?.find((n) => n.id === id);
            if (!note) return;
            e.preventDefault();
            const index = dropIndex(e, quadrant);
            setDrag(null);
            // dropped where it was: nothing to undo
            if (note.quadrant === quadrant && by[quadrant].indexOf(note) === index) return;
            move(note, { quadrant, index });
          },
        };

  const facts = <span>{t('swotView.noteCount', { count: total })}</span>;
  return (
    <div className="mx-view swot-view">
      <ViewBar view="swot" title={t('swotView.title')} facts={facts} exports={<SwotExportButtons />}>
        <p id="swot-keys">{readOnly ? t('swotView.readOnly') : t('swotView.keys')}</p>
      </ViewBar>
      <div className="swot-board" ref={rootRef} role="group" aria-label={t('swotView.boardLabel')} data-own-keys="">
        {SWOT_GRID.map((q, qi) => {
          const notes = by[q];
          const tabNote = notes.find((n) => n.id === active[q]) ?? notes[0];
          const over = drag?.over?.quadrant === q ? drag.over.index : null;
          const others = notes.filter((n) => n.id !== drag?.id);
          return (
            <section key={q} className={`swot-quadrant is-${q}${over !== null ? ' is-drop-target' : ''}`} data-quadrant={q} aria-labelledby={`swot-h-${q}`} {...dropHandlers(q)}>
              <h3 className="swot-heading" id={`swot-h-${q}`}>
                <span className="swot-letter" aria-hidden="true">
                  {LETTERS[q]}
                </span>
                <span className="swot-name">{quadrantName(q)}</span>
                <span className="swot-count">{t('swotView.inQuadrant', { count: notes.length })}</span>
              </h3>
              {notes.length === 0 && <p className="swot-hint">{t(`swotView.hints.${q}`)}</p>}
              <ul className="swot-notes" aria-labelledby={`swot-h-${q}`}>
                {notes.map((note, i) => (
                  <NoteItem
                    key={note.id}
                    note={note}
                    doc={doc}
                    label={t('swotView.noteLabel', { text: note.text, quadrant: quadrantName(q), n: i + 1, total: notes.length })}
                    tabbable={note === tabNote}
                    readOnly={readOnly}
                    editing={editing === note.id}
                    dropBefore={over !== null && others[over]?.id === note.id}
                    dragging={drag?.id === note.id}
                    onFocus={() => active[q] !== note.id && setActive((a) => ({ ...a, [q]: note.id }))}
                    onKeyDown={(e) => onNoteKey(e, note)}
                    onEdit={() => setEditing(note.id)}
                    onEndEdit={(text, blurred) => {
                      setEditing(null);
                      if (text !== null && text !== note.text) run(cmd('editSwotNote', { id: note.id, text }));
                      // back to the note after Enter or Esc; a click elsewhere keeps its focus
                      if (!blurred) want.current = { note: note.id };
                    }}
                    onDelete={() => remove(note)}
                    onLink={() => setPicking(note.id)}
                    onShow={showSteps}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(DRAG_TYPE, note.id);
                      e.dataTransfer.setData('text/plain', note.text);
                      e.dataTransfer.effectAllowed = 'move';
                      setDrag({ id: note.id });
                    }}
                    onDragEnd={() => setDrag(null)}
                  >
                    {picking === note.id && (
                      <StepPicker
                        doc={doc}
                        selected={note.stepIds}
                        onChange={(stepIds) => run(cmd('linkSwotNote', { id: note.id, stepIds }))}
                        onClose={() => {
                          setPicking(null);
                          focus({ note: note.id });
                        }}
                      />
                    )}
                  </NoteItem>
                ))}
                {over !== null && over >= others.length && <li className="swot-drop-end" aria-hidden="true" />}
              </ul>
              {!readOnly && (
                <QuickAdd
                  quadrant={q}
                  label={t('swotView.addLabel', { quadrant: quadrantName(q) })}
                  placeholder={t(`swotView.add.${q}`)}
                  total={total}
                  onAdd={(text) => {
                    if (!run(cmd('addSwotNote', { id: newId(), quadrant: q, text }))) return false;
                    setStatus(t('swotView.added', { quadrant: quadrantName(q) }));
                    return true;
                  }}
                  onTab={(back) => {
                    const next = SWOT_GRID[qi + (back ? -1 : 1)];
                    if (!next) return false;
                    focus({ input: next });
                    return true;
                  }}
                  onUndo={(redo) => (redo ? store.getState().redo() : store.getState().undo())}
                  onUp={() => {
                    const last = notes[notes.length - 1];
                    if (last) focus({ note: last.id });
                  }}
                />
              )}
            </section>
          );
        })}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

/** The field under a quadrant's notes: Enter adds what was typed and keeps the field for the next note. */
function QuickAdd(props: {
  quadrant: SwotQuadrant;
  label: string;
  placeholder: string;
  total: number;
  onAdd(text: string): boolean;
  /** Tab (Shift+Tab: back) to the next quadrant's field; false: none, the key does what it always does. */
  onTab(back: boolean): boolean;
  onUp(): void;
  /** Undo (redo: true) in the editor. */
  onUndo(redo: boolean): void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = `swot-add-error-${props.quadrant}`;
  const add = () => {
    const value = text.trim();
    if (!value) return;
    if (value.length > LIMITS.swotNote) return setError(t('swotView.tooLong', { max: LIMITS.swotNote, count: value.length }));
    if (props.total >= LIMITS.swotNotes) return setError(t('swotView.full', { max: LIMITS.swotNotes }));
    if (props.onAdd(value)) setText('');
  };
  return (
    <div className="swot-add">
      <input
        type="text"
        className="swot-add-input"
        dir="auto"
        data-add={props.quadrant}
        aria-label={props.label}
        aria-describedby={error ? errorId : 'swot-keys'}
        aria-invalid={error ? true : undefined}
        placeholder={props.placeholder}
        value={text}
        spellCheck
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          const mod = e.ctrlKey || e.metaKey;
          const key = e.key.toLowerCase();
          // an empty field has nothing of its own to undo: Ctrl+Z takes back the last edit of the board (a note just added or deleted)
          if (mod && !text && (key === 'z' || key === 'y' || e.code === 'KeyZ' || e.code === 'KeyY')) {
            e.preventDefault();
            props.onUndo(e.shiftKey || key === 'y' || e.code === 'KeyY');
          } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey) {
            e.preventDefault();
            add();
          } else if (e.key === 'Tab' && !e.ctrlKey && !e.altKey) {
            if (props.onTab(e.shiftKey)) e.preventDefault();
          } else if (e.key === 'ArrowUp' && !e.altKey) {
            e.preventDefault();
            props.onUp();
          }
        }}
      />
      {error && (
        <p className="swot-error" role="alert" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

interface NoteProps {
  note: SwotNote;
  doc: MapDoc;
  label: string;
  tabbable: boolean;
  readOnly: boolean;
  editing: boolean;
  dropBefore: boolean;
  dragging: boolean;
  children?: ReactNode;
  onFocus(): void;
  onKeyDown(e: KeyboardEvent<HTMLLIElement>): void;
  onEdit(): void;
  /** The new text, or null: cancelled; `blurred`: the field was left (the focus is elsewhere). */
  onEndEdit(text: string | null, blurred: boolean): void;
  onDelete(): void;
  onLink(): void;
  onShow(stepIds: string[]): void;
  onDragStart(e: DragEvent<HTMLLIElement>): void;
  onDragEnd(): void;
}

function NoteItem(p: NoteProps) {
  const t = useT();
  const steps = linkedSteps(p.doc, p.note);
  const untitled = t('common.untitledStep');
  const inner = p.tabbable ? 0 : -1;
  return (
    <li
      className={`swot-note${p.dropBefore ? ' is-drop-before' : ''}${p.dragging ? ' is-dragging' : ''}${p.editing ? ' is-editing' : ''}`}
      data-note={p.note.id}
      tabIndex={p.tabbable ? 0 : -1}
      aria-label={p.label}
      draggable={!p.readOnly && !p.editing}
      title={p.readOnly ? undefined : t('swotView.dragHint')}
      onFocus={(e) => e.target === e.currentTarget && p.onFocus()}
      onKeyDown={p.onKeyDown}
      onDoubleClick={(e) => !p.readOnly && !(e.target as Element).closest('button') && p.onEdit()}
      onDragStart={p.onDragStart}
      onDragEnd={p.onDragEnd}
    >
      {!p.readOnly && <GripVertical className="swot-grip" size={14} aria-hidden="true" />}
      <div className="swot-note-body">
        {p.editing ? (
          <NoteEditor text={p.note.text} onEnd={p.onEndEdit} />
        ) : (
          <p className="swot-note-text" translate="no">
            {p.note.text}
          </p>
        )}
        {steps.length > 0 && (
          <div className="swot-chips" role="group" aria-label={t('swotView.linkedTo')}>
            {steps.map((s) => {
              const title = s.title.trim() || untitled;
              return (
                <button
                  key={s.id}
                  type="button"
                  className="swot-chip"
                  tabIndex={inner}
                  translate="no"
                  aria-label={t('swotView.showStep', { title })}
                  title={t('swotView.showStep', { title })}
                  onClick={() => p.onShow([s.id])}
                >
                  <MapPin size={12} aria-hidden="true" />
                  <span>{title}</span>
                </button>
              );
            })}
            {steps.length > 1 && (
              <button
                type="button"
                className="swot-show-all"
                tabIndex={inner}
                aria-label={t('swotView.showAllLabel', { count: steps.length })}
                title={t('swotView.showAllLabel', { count: steps.length })}
                onClick={() => p.onShow(steps.map((s) => s.id))}
              >
                {t('swotView.showAll')}
              </button>
            )}
          </div>
        )}
      </div>
      {!p.readOnly && !p.editing && (
        <div className="swot-note-actions">
          <button type="button" className="swot-icon" tabIndex={inner} aria-label={t('swotView.edit')} title={t('swotView.edit')} onClick={p.onEdit}>
            <Pencil size={14} aria-hidden="true" />
          </button>
          <button type="button" className="swot-icon" tabIndex={inner} aria-label={t('swotView.link')} title={t('swotView.link')} aria-haspopup="dialog" onClick={p.onLink}>
            <Link2 size={14} aria-hidden="true" />
          </button>
          <button type="button" className="swot-icon is-danger" tabIndex={inner} aria-label={t('swotView.delete')} title={t('swotView.delete')} onClick={p.onDelete}>
            <Trash2 size={14} aria-hidden="true" />
          </button>
        </div>
      )}
      {p.children}
    </li>
  );
}

/** A note edited in place: Enter keeps the text, Esc cancels, leaving the field keeps it. */
function NoteEditor({ text: initial, onEnd }: { text: string; onEnd(text: string | null, blurred: boolean): void }) {
  const t = useT();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  // as tall as its text
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);
  /** `blurred`: the field was left; text that cannot be kept is then dropped rather than holding the focus. */
  const finish = (keep: boolean, blurred = false) => {
    if (done.current) return;
    if (keep) {
      const value = text.trim();
      const problem = !value ? t('swotView.empty') : value.length > LIMITS.swotNote ? t('swotView.tooLong', { max: LIMITS.swotNote, count: value.length }) : null;
      if (problem && blurred) {
        done.current = true;
        onEnd(null, true);
        return;
      }
      if (problem) {
        setError(problem);
        ref.current?.focus();
        return;
      }
      done.current = true;
      onEnd(value, blurred);
    } else {
      done.current = true;
      onEnd(null, blurred);
    }
  };
  return (
    <>
      <textarea
        ref={ref}
        className="swot-edit"
        dir="auto"
        rows={1}
        aria-label={t('swotView.editLabel')}
        aria-invalid={error ? true : undefined}
        value={text}
        spellCheck
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          e.stopPropagation();
          if (e.key === 'Escape') {
            e.preventDefault();
            finish(false);
          } else if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            finish(true);
          }
        }}
        // after the key that caused it: the editor's shortcuts blur a field on Escape before it sees the key
        onBlur={() => setTimeout(() => finish(true, true), 0)}
      />
      {error && (
        <p className="swot-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/**
 * A note on the canvas: a pale yellow sticky note, or an annotation joined to its step by a
 * dotted line (BPMN's text annotation: an open bracket on the side facing the step). Written in
 * place: double-click or Enter opens the text field; Ctrl+Enter or a click outside keeps the
 * text (one undo), Escape cancels.
 */
import { useStore, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { cmd } from '../../shared/model/commands';
import { LIMITS } from '../../shared/model/types';
// the dotted line to the step follows the same rule as the export's
import { noteConnector } from '../../shared/export/notesSvg';
import { useT } from '../i18n';
import { useEditorStore } from '../store/context';
import type { NoteNodeType } from './noteNodes';
import { useNoteUi } from './noteUi';
import './NoteNode.css';


function NoteNodeView({ data, selected, width, height, positionAbsoluteX, positionAbsoluteY }: NodeProps<NoteNodeType>) {
  const t = useT();
  const store = useEditorStore();
  const { note, step } = data;
  const editing = useNoteUi((s) => s.editing === note.id);
  // while its step is dragged, an annotation goes with it (its place is stored relative to the step)
  const live = useStore((s) => {
    if (!step) return null;
    const n = s.nodeLookup.get(step.id);
    return n ? `${n.position.x},${n.position.y}` : null;
  });
  let dx = 0;
  let dy = 0;
  if (step && live) {
    const [lx, ly] = live.split(',').map(Number) as [number, number];
    dx = lx - step.x;
    dy = ly - step.y;
  }
  const w = width ?? 180;
  const h = height ?? 40;
  const box = { x: positionAbsoluteX, y: positionAbsoluteY, w, h };
  const line = step ? noteConnector({ ...box, x: box.x + dx, y: box.y + dy }, step) : null;
  return (
    <div
      className={`note ${step ? `note-annotation bracket-${line!.side}` : 'note-sticky'}${selected ? ' is-selected' : ''}`}
      style={{ width: w, minHeight: h, transform: dx || dy ? `translate(${dx}px, ${dy}px)` : undefined }}
      data-note-id={note.id}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (store.getState().viewing) return;
        useNoteUi.getState().edit(note.id);
      }}
    >
      {line && (
        <svg className="note-connector" aria-hidden style={{ left: 0, top: 0 }} width={1} height={1}>
          <line x1={line.from.x - box.x - dx} y1={line.from.y - box.y - dy} x2={line.to.x - box.x - dx} y2={line.to.y - box.y - dy} />
        </svg>
      )}
      {editing ? (
        <NoteEditor noteId={note.id} text={note.text} />
      ) : note.text.trim() ? (
        <div className="note-text" dir="auto" translate="no">
          {note.text}
        </div>
      ) : (
        <div className="note-text placeholder">{t('notes.placeholder')}</div>
      )}
    </div>
  );
}

/** The text field of a note being written: keeps on Ctrl+Enter or blur (one undo), cancels on Escape. */
function NoteEditor({ noteId, text }: { noteId: string; text: string }) {
  const t = useT();
  const store = useEditorStore();
  const [value, setValue] = useState(text);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  // grows with its text, so what is typed is seen whole
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [value]);
  const finish = (keep: boolean) => {
    if (done.current) return;
    done.current = true;
    const { fresh } = useNoteUi.getState();
    useNoteUi.getState().edit(null);
    const doc = store.getState().doc;
    if (!doc?.notes?.[noteId]) return;
    const next = keep ? value : text;
    if (!next.trim()) {
      // an empty note is not kept: a new one cancelled goes away, an emptied one is deleted (one undo brings it back)
      if (fresh && !text) store.getState().undo();
      else store.getState().run(cmd('deleteNotes', { ids: [noteId] }));
      return;
    }
    if (next !== text) store.getState().run(cmd('editNote', { id: noteId, text: next }));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(false);
      document.querySelector<HTMLElement>('.react-flow__pane')?.focus?.();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      finish(true);
    }
  };
  return (
    <textarea
      ref={ref}
      className="note-input nodrag nowheel nopan"
      dir="auto"
      value={value}
      maxLength={LIMITS.note}
      placeholder={t('notes.placeholder')}
      aria-label={t('notes.edit')}
      title={t('notes.editHint')}
      data-submit-on-ctrl-enter
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      // after the key that blurred it (the editor's Escape blurs a field first): Escape cancels, anything else keeps
      onBlur={() => setTimeout(() => finish(true), 0)}
      rows={1}
    />
  );
}

export const NoteNode = memo(NoteNodeView);

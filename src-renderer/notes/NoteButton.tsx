/** The toolbar's "Note" button: an annotation of the one selected step, else a sticky note in the middle of the view. */
import { useReactFlow } from '@xyflow/react';
import { StickyNote } from 'lucide-react';
import { useT } from '../i18n';
import { useEditor, useEditorStore } from '../store/context';
import { addNoteHere } from './actions';

export function NoteButton() {
  const t = useT();
  const store = useEditorStore();
  const flow = useReactFlow();
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  const oneStep = useEditor((s) => s.selection.steps.length === 1 && s.selection.flows.length === 0);
  const title = t('notes.addTitle');
  return (
    <button className="tool-button" aria-label={t('notes.add')} title={title} disabled={readOnly} data-one-step={oneStep || undefined} onClick={() => addNoteHere(store, flow)}>
      <StickyNote size={17} />
    </button>
  );
}

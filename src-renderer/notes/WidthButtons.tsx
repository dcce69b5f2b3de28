/** "Same width" and "Reset width" for the selected steps (the inspector of a selection). */
import { useT } from '../i18n';
import { useEditor, useEditorStore } from '../store/context';
import { makeSameWidth, resetWidths } from './actions';

export function WidthButtons() {
  const t = useT();
  const store = useEditorStore();
  const steps = useEditor((s) => s.selection.steps);
  const widened = useEditor((s) => s.selection.steps.some((id) => s.doc?.steps[id]?.width !== undefined));
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  if (steps.length < 2 && !widened) return null;
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      {steps.length >= 2 && (
        <button type="button" disabled={readOnly} onClick={() => makeSameWidth(store)}>
          {t('notes.sameWidth')}
        </button>
      )}
      {widened && (
        <button type="button" disabled={readOnly} onClick={() => resetWidths(store)}>
          {t('notes.resetWidth')}
        </button>
      )}
    </div>
  );
}

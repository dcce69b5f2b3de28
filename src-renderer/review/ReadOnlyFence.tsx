/**
 * Disables every field and button inside while a saved version is on screen (the store refuses
 * edits anyway; this way nothing even offers one). `display: contents` keeps the layout.
 */
import type { ReactNode } from 'react';
import { useEditor } from '../store/context';

export function ReadOnlyFence({ children }: { children: ReactNode }) {
  const readOnly = useEditor((s) => s.viewing !== null);
  return (
    <fieldset className="read-only-fence" disabled={readOnly}>
      {children}
    </fieldset>
  );
}

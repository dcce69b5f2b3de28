/**
 * Disables every field and button inside while a saved version is on screen (the store refuses
 * edits anyway; this way nothing even offers one). `display: contents` keeps the layout.
 */
import type { ReactNode } from 'react';
import { useEditor } from '../store/context';

/** `comments`: what is inside only writes comments and pain points (a team map's commenter may use it). */
export function ReadOnlyFence({ children, comments = false }: { children: ReactNode; comments?: boolean }) {
  const readOnly = useEditor((s) => s.viewing !== null || (s.readOnly !== null && !(comments && s.readOnly.reason === 'commenter')));
  return (
    <fieldset className="read-only-fence" disabled={readOnly}>
      {children}
    </fieldset>
  );
}

/**
 * The canvas of a big map, drawn a frame after a "drawing the map" notice: mounting thousands
 * of steps takes seconds (coming back from the table, say), and the notice is on screen during
 * them instead of a frozen window. A small map is drawn at once.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { useEditor } from '../store/context';

/** From this many steps on, the canvas is drawn after the notice. */
const DEFER_FROM_STEPS = 400;

export function DeferredCanvas({ children }: { children: ReactNode }) {
  const t = useT();
  const big = useEditor((s) => Object.keys(s.doc?.steps ?? {}).length >= DEFER_FROM_STEPS);
  const [ready, setReady] = useState(!big);
  useEffect(() => {
    if (ready) return;
    // two frames: the notice is painted before the heavy render starts
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => setReady(true));
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [ready]);
  if (ready) return <>{children}</>;
  return (
    <div className="canvas-area">
      <div className="busy" role="status">
        <span className="spinner" aria-hidden /> {t('editor.drawing')}
      </div>
    </div>
  );
}

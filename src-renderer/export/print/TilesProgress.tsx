/** The export dialog's progress while PNG tiles are made ("Tile 12 of 120", a bar) and its Stop button. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import type { TilesProgress as Progress, TilesRun } from './pngTilesExport';
import './tilesProgress.css';

export interface TilesRunControl {
  progress: Progress | null;
  /** A fresh run (progress and a stop signal) for one export. */
  begin(): TilesRun;
  /** Stops the running export between two tiles. */
  stop(): void;
  end(): void;
  /** Whether an export failed because it was stopped. */
  stopped(e: unknown): boolean;
}

export function useTilesRun(): TilesRunControl {
  const [progress, setProgress] = useState<Progress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const begin = useCallback((): TilesRun => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    return { signal: c.signal, onProgress: (p) => !c.signal.aborted && setProgress(p) };
  }, []);
  const stop = useCallback(() => controller.current?.abort(), []);
  const end = useCallback(() => {
    controller.current = null;
    setProgress(null);
  }, []);
  // closing the dialog stops the work
  useEffect(() => () => controller.current?.abort(), []);
  return { progress, begin, stop, end, stopped: (e) => e instanceof DOMException && e.name === 'AbortError' };
}

export function TilesProgress({ run }: { run: TilesRunControl }) {
  const t = useT();
  const p = run.progress;
  const box = useRef<HTMLDivElement>(null);
  const shown = p !== null;
  useEffect(() => {
    if (!shown) return;
    const dialog = box.current?.closest<HTMLElement>('[role="dialog"]');
    // the Stop button goes with the progress: focus stays in the dialog, on its Export button
    return () => {
      setTimeout(() => {
        if (dialog?.isConnected && (!document.activeElement || document.activeElement === document.body)) dialog.querySelector<HTMLElement>('.dialog-actions button.primary')?.focus();
      });
    };
  }, [shown]);
  if (!p) return null;
  const text = p.phase === 'drawing' ? t('pngTilesRun.drawing') : p.phase === 'packing' ? t('pngTilesRun.packing') : t('pngTilesRun.progress', { done: p.done, total: p.total });
  return (
    <div ref={box} className="tiles-progress" role="status" aria-live="polite">
      <progress max={p.total || 1} value={p.phase === 'drawing' ? undefined : p.done} aria-label={text} />
      <span className="tiles-progress-text">{text}</span>
      <button type="button" onClick={run.stop}>
        {t('pngTilesRun.stop')}
      </button>
    </div>
  );
}

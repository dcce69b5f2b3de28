/**
 * The switch between the views of a map, above the canvas: a tab list reachable by keyboard
 * (Tab to it, arrows, Home/End), and Alt+1…6 from anywhere in the editor.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import { MAP_VIEWS, type MapView } from './views';

export function ViewSwitch({ value, onChange }: { value: MapView; onChange(v: MapView): void }) {
  const t = useT();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const n = Number(e.code.startsWith('Digit') ? e.code.slice(5) : NaN);
      const v = MAP_VIEWS[n - 1];
      if (!v) return;
      e.preventDefault();
      onChange(v);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onChange]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = MAP_VIEWS.indexOf(value);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: MAP_VIEWS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const v = MAP_VIEWS[(next + MAP_VIEWS.length) % MAP_VIEWS.length]!;
    onChange(v);
    refs.current[MAP_VIEWS.indexOf(v)]?.focus();
  };

  return (
    <div className="view-switch" role="tablist" aria-label={t('views.label')} onKeyDown={onKeyDown}>
      {MAP_VIEWS.map((v, i) => (
        <button
          key={v}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`view-tab-${v}`}
          aria-selected={value === v}
          aria-controls="map-view"
          tabIndex={value === v ? 0 : -1}
          className={value === v ? 'is-active' : ''}
          title={t('views.shortcut', { key: i + 1 })}
          onClick={() => onChange(v)}
        >
          {t(`views.names.${v}`)}
        </button>
      ))}
    </div>
  );
}

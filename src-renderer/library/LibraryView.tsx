/** The map library: every map as a card; create, open, rename, duplicate, delete. */
import { Copy, FilePlus2, Pencil, Trash2, Upload, Waypoints } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/contract';
import { LIMITS, type MapSummary } from '../../shared/model/types';
import { api } from '../api';
import { ConfirmDialog, PromptDialog } from '../components/Dialog';
import { notify } from '../store/notices';
import { useEditorStore } from '../store/context';
import { importMapFile } from './importMap';
import { MapThumbnail } from './MapThumbnail';
import { NewMapDialog } from './NewMapDialog';

type Pending = { kind: 'create' } | { kind: 'rename'; map: MapSummary } | { kind: 'delete'; map: MapSummary } | null;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** A stored date for people; a damaged one shows as a dash rather than breaking the page. */
const formatDate = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dateFormat.format(d);
};

export function LibraryView({ onOpen }: { onOpen(id: string): void }) {
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const store = useEditorStore();
  const refresh = useCallback(async () => {
    try {
      // a map just closed may still be writing its last edits: list what is stored after them
      await store.getState().flush();
      setMaps(await api['maps:list']({}));
    } catch (e) {
      notify.error(`Could not read the map library: ${(e as Error).message}`);
      setMaps([]);
    }
  }, [store]);

  useEffect(() => {
    void refresh();
    api['app:info']({}).then(setInfo, () => undefined);
  }, [refresh]);

  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      notify.error(`${what}: ${(e as Error).message}`);
    }
    setPending(null);
    await refresh();
  };

  return (
    <div className="library">
      <header className="library-header">
        <div className="brand">
          <Waypoints size={22} aria-hidden />
          <h1>Lanemap</h1>
        </div>
        <div className="library-actions">
          <label className="button-like">
            <Upload size={16} aria-hidden /> Import map…
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              aria-label="Import a Lanemap file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importMapFile(file).then((s) => s && onOpen(s.id));
              }}
            />
          </label>
          <button className="primary" onClick={() => setPending({ kind: 'create' })}>
            <FilePlus2 size={16} aria-hidden /> New map
          </button>
        </div>
      </header>
      <main>
        <h2 className="section-title">Your maps</h2>
        {maps === null ? (
          <p className="muted">Loading…</p>
        ) : maps.length === 0 ? (
          <div className="empty">
            <p>No maps yet. A map shows who does what in your sales process, step by step.</p>
            <button className="primary" onClick={() => setPending({ kind: 'create' })}>
              Create your first map
            </button>
          </div>
        ) : (
          <ul className="map-grid" aria-label="Maps">
            {maps.map((m) => (
              <li key={m.id} className="map-card">
                <button className="map-card-open" aria-label={`Open ${m.title}`} onClick={() => onOpen(m.id)}>
                  <MapThumbnail id={m.id} updatedAt={m.updatedAt} />
                  <span className="map-card-title">{m.title}</span>
                  <span className="muted">
                    {m.stepCount} {m.stepCount === 1 ? 'step' : 'steps'} · changed {formatDate(m.updatedAt)}
                  </span>
                </button>
                <div className="map-card-actions">
                  <button className="icon-button" aria-label={`Rename ${m.title}`} title="Rename" onClick={() => setPending({ kind: 'rename', map: m })}>
                    <Pencil size={15} />
                  </button>
                  <button
                    className="icon-button"
                    aria-label={`Duplicate ${m.title}`}
                    title="Duplicate"
                    onClick={() => void attempt('Could not duplicate the map', () => api['maps:duplicate']({ id: m.id }))}
                  >
                    <Copy size={15} />
                  </button>
                  <button className="icon-button" aria-label={`Delete ${m.title}`} title="Delete" onClick={() => setPending({ kind: 'delete', map: m })}>
                    <Trash2 size={15} />
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>
      {info && (
        <footer className="library-footer muted">
          Library file: <code>{info.dataFile}</code> · saved automatically after every edit
        </footer>
      )}
      {pending?.kind === 'create' && <NewMapDialog onCreated={onOpen} onCancel={() => setPending(null)} />}
      {pending?.kind === 'rename' && (
        <PromptDialog
          title="Rename map"
          label="Map title"
          initial={pending.map.title}
          maxLength={LIMITS.mapTitle}
          confirm="Rename"
          onCancel={() => setPending(null)}
          onConfirm={(title) => void attempt('Could not rename the map', () => api['maps:rename']({ id: pending.map.id, title }))}
        />
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete map?"
          message={
            <>
              “{pending.map.title}” and its {pending.map.stepCount} steps will be deleted. This cannot be undone.
            </>
          }
          confirm="Delete"
          danger
          onCancel={() => setPending(null)}
          onConfirm={() => void attempt('Could not delete the map', () => api['maps:delete']({ id: pending.map.id }))}
        />
      )}
    </div>
  );
}

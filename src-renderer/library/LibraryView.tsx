/**
 * The map library: every map as a card; create, open, rename, duplicate, delete. A map whose
 * review is due (within REVIEW_DUE_DAYS) or overdue says so on its card, and "Review due (N)"
 * lists just those, the earliest date (the most overdue) first.
 */
import { ArrowRightLeft, CalendarClock, Copy, FilePlus2, Pencil, Search, Trash2, Upload, Waypoints } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { takeListing } from './startListing';
import type { AppInfo } from '../../shared/contract';
import { matchesQuery } from '../../shared/model/search';
import { LIMITS, type MapSummary } from '../../shared/model/types';
import { api } from '../api';
import { ConfirmDialog, PromptDialog } from '../components/Dialog';
import { formatDate, useT } from '../i18n';
import { describeFailure, type FailedAction } from '../i18n/errors';
import { SettingsButton } from '../settings/SettingsDialog';
import { notify } from '../store/notices';
import { useEditorStore } from '../store/context';
import { importMapFile } from './importMap';
import { IMPORT_ACCEPT } from '../../shared/interop/bpmnWire';
import { useBpmnImport } from './bpmnImport';
import { MapThumbnail } from './MapThumbnail';
import { NewMapDialog } from './NewMapDialog';
import { MapStatusBadge } from '../review/StatusChip';
import { localDate, reviewState } from '../../shared/analysis/optimise';
import { reviewStateText } from '../optimise/review/reviewDates';
import '../optimise/review/review.css';
import { LimitedInput } from '../components/limits/useTextLimit';
import { LibrarySwitcher, NotConnected, useLibraryAccess, useLibraryWords } from '../team/LibrarySwitcher';
import { TransferDialog } from '../team/TransferDialog';
import { apiFor } from '../team/teamApi';

/** Due or overdue for review on `today`. */
const reviewDue = (m: MapSummary, today: string) => {
  const s = reviewState(m.nextReview, today);
  return s === 'due' || s === 'overdue';
};

type Pending = { kind: 'create' } | { kind: 'rename'; map: MapSummary } | { kind: 'delete'; map: MapSummary } | { kind: 'transfer'; map: MapSummary } | null;

export function LibraryView({ onOpen }: { onOpen(id: string): void }) {
  const t = useT();
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [query, setQuery] = useState('');
  const [onlyDue, setOnlyDue] = useState(false);
  const today = localDate();
  const due = maps?.filter((m) => reviewDue(m, today)).sort((a, b) => (a.nextReview! < b.nextReview! ? -1 : a.nextReview! > b.nextReview! ? 1 : 0)) ?? [];
  const shown = (onlyDue ? due : maps)?.filter((m) => matchesQuery(query, m.title, ...m.partOf.map((p) => p.title))) ?? null;

  const store = useEditorStore();
  // the chosen library: Local or a team library (team/LibrarySwitcher.tsx)
  const access = useLibraryAccess();
  const lapi = apiFor(access.library);
  const words = useLibraryWords(access);
  // only the latest listing is shown: one of another library (switched meanwhile) arriving late is dropped
  const listing = useRef(0);
  const refresh = useCallback(async () => {
    const mine = ++listing.current;
    if (!access.connected) return;
    const show = (list: MapSummary[]) => {
      if (mine === listing.current) setMaps(list);
    };
    try {
      // a map just closed may still be writing its last edits: list what is stored after them
      const early = takeListing();
      if (early) show(await early);
      else {
        await store.getState().flush();
        show(await lapi['maps:list']({}));
      }
    } catch (e) {
      if (mine !== listing.current) return;
      notify.error(describeFailure('listMaps', e));
      setMaps([]);
    }
  }, [store, lapi, access.connected]);

  useEffect(() => {
    void refresh();
    api['app:info']({}).then(setInfo, () => undefined);
  }, [refresh]);
  // a BPMN import stays in the library (its summary dialog opens the map): list its maps
  const bpmnImports = useBpmnImport((s) => s.imports);
  useEffect(() => {
    if (bpmnImports) void refresh();
  }, [bpmnImports, refresh]);

  const attempt = async (what: FailedAction, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      notify.error(describeFailure(what, e));
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
          {maps && maps.length > 1 && (
            <label className="library-search">
              <Search size={15} aria-hidden />
              <LimitedInput
                type="search"
                aria-label={t('find.libraryField')}
                placeholder={t('find.libraryPlaceholder')}
                value={query}
                maxLength={200}
                onChange={(e) => setQuery(e.target.value)}
              />
            </label>
          )}
          {access.canEdit && (
            <label className="button-like">
              <Upload size={16} aria-hidden /> {t('library.importMap')}
              <input
                type="file"
                accept={IMPORT_ACCEPT}
                className="visually-hidden"
                aria-label={t('library.importFileLabel')}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importMapFile(file).then((s) => s && onOpen(s.id));
                }}
              />
            </label>
          )}
          {access.canEdit && (
            <button className="primary" onClick={() => setPending({ kind: 'create' })}>
              <FilePlus2 size={16} aria-hidden /> {t('library.newMap')}
            </button>
          )}
          <SettingsButton />
        </div>
      </header>
      <main>
        <LibrarySwitcher />
        <h2 className="section-title" translate="no">
          {words?.title ?? t('library.yourMaps')}
        </h2>
        {words?.viewerNote && <p className="muted">{words.viewerNote}</p>}
        {maps && (due.length > 0 || onlyDue) && (
          <div className="library-filter" role="group" aria-label={t('reviewCycle.filterDueLabel')}>
            <button type="button" aria-pressed={!onlyDue} onClick={() => setOnlyDue(false)}>
              {t('reviewCycle.allMaps')}
            </button>
            <button type="button" aria-pressed={onlyDue} title={t('reviewCycle.filterDueLabel')} onClick={() => setOnlyDue(true)}>
              <CalendarClock size={15} aria-hidden /> {t('reviewCycle.filterDue', { count: due.length })}
            </button>
          </div>
        )}
        {!access.connected ? (
          <NotConnected access={access} />
        ) : maps === null ? (
          <p className="muted">{t('common.loading')}</p>
        ) : maps.length === 0 ? (
          <div className="empty">
            <p>{t('library.empty')}</p>
            {access.canEdit && (
              <button className="primary" onClick={() => setPending({ kind: 'create' })}>
                {t('library.createFirst')}
              </button>
            )}
          </div>
        ) : onlyDue && due.length === 0 ? (
          <p className="muted">{t('reviewCycle.noneDue')}</p>
        ) : shown?.length === 0 ? (
          <p className="muted">{t('find.libraryNone', { query: query.trim() })}</p>
        ) : (
          <ul className="map-grid" aria-label={onlyDue ? t('reviewCycle.dueListLabel') : t('library.mapsLabel')}>
            {(shown ?? maps).map((m) => (
              <li key={m.id} className="map-card">
                <button
                  className="map-card-open"
                  aria-label={t('library.open', { title: m.title })}
                  // the button is named by its label: the review mark is read as its description
                  aria-describedby={reviewDue(m, today) ? `review-mark-${m.id}` : undefined}
                  onClick={() => onOpen(m.id)}
                >
                  <MapThumbnail id={m.id} updatedAt={m.updatedAt} />
                  <span className="map-card-title" translate="no" dir="auto">
                    {m.title}
                  </span>
                  <MapStatusBadge status={m.status} />
                  <ReviewMark id={`review-mark-${m.id}`} nextReview={m.nextReview} today={today} />
                  <span className="muted">
                    {t('common.stepCount', { count: m.stepCount })} · {t('library.changed', { date: formatDate(m.updatedAt) })}
                  </span>
                </button>
                {m.partOf.length > 0 && (
                  <p className="map-card-parents">
                    <span className="muted">{t('hierarchy.partOf')}</span>{' '}
                    {m.partOf.map((p) => (
                      <button
                        key={p.id}
                        className="chip-button"
                        aria-label={t('hierarchy.openParent', { title: p.title })}
                        onClick={() => onOpen(p.id)}
                        translate="no"
                        dir="auto"
                      >
                        {p.title}
                      </button>
                    ))}
                  </p>
                )}
                <div className="map-card-actions">
                  <button
                    className="icon-button"
                    aria-label={t('team.library.transfer', { title: m.title })}
                    title={t('team.library.transfer', { title: m.title })}
                    onClick={() => setPending({ kind: 'transfer', map: m })}
                  >
                    <ArrowRightLeft size={15} />
                  </button>
                  {access.canEdit && (
                    <>
                      <button
                        className="icon-button"
                        aria-label={t('library.renameMap', { title: m.title })}
                        title={t('common.rename')}
                        onClick={() => setPending({ kind: 'rename', map: m })}
                      >
                        <Pencil size={15} />
                      </button>
                      <button
                        className="icon-button"
                        aria-label={t('library.duplicateMap', { title: m.title })}
                        title={t('common.duplicate')}
                        onClick={() =>
                          void attempt('duplicateMap', () =>
                            lapi['maps:duplicate']({ id: m.id, title: t('library.copyTitle', { title: m.title }).slice(0, LIMITS.mapTitle) }),
                          )
                        }
                      >
                        <Copy size={15} />
                      </button>
                      <button
                        className="icon-button"
                        aria-label={t('library.deleteMap', { title: m.title })}
                        title={t('common.delete')}
                        onClick={() => setPending({ kind: 'delete', map: m })}
                      >
                        <Trash2 size={15} />
                      </button>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>
      {words ? (
        <footer className="library-footer muted" translate="no">
          {words.footer}
        </footer>
      ) : (
        info && (
          <footer className="library-footer muted">
            {t('library.libraryFile')} <code translate="no">{info.dataFile}</code> · {t('library.savedAutomatically')}
          </footer>
        )
      )}
      {pending?.kind === 'transfer' && (
        <TransferDialog
          map={pending.map}
          from={access.library}
          onDone={(changed) => {
            setPending(null);
            if (changed) void refresh();
          }}
        />
      )}
      {pending?.kind === 'create' && <NewMapDialog onCreated={onOpen} onCancel={() => setPending(null)} />}
      {pending?.kind === 'rename' && (
        <PromptDialog
          title={t('library.renameTitle')}
          label={t('library.mapTitle')}
          initial={pending.map.title}
          maxLength={LIMITS.mapTitle}
          confirm={t('common.rename')}
          onCancel={() => setPending(null)}
          onConfirm={(title) => void attempt('renameMap', () => lapi['maps:rename']({ id: pending.map.id, title }))}
        />
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog
          title={t('library.deleteTitle')}
          message={[
            t('library.deleteMessage', { title: pending.map.title, count: pending.map.stepCount }),
            ...(pending.map.partOf.length
              ? [
                  t('hierarchy.deleteLinked', {
                    title: pending.map.title,
                    count: pending.map.partOf.length,
                    parents: pending.map.partOf.map((p) => t('hierarchy.quoted', { title: p.title })).join(', '),
                  }),
                ]
              : []),
          ].join(' ')}
          confirm={t('common.delete')}
          danger
          onCancel={() => setPending(null)}
          onConfirm={() => void attempt('deleteMap', () => lapi['maps:delete']({ id: pending.map.id }))}
        />
      )}
    </div>
  );
}

/** «Пересмотр просрочен: срок был 12 октября 2026 г.» on a card whose review is due or overdue; nothing otherwise. */
function ReviewMark({ id, nextReview, today }: { id: string; nextReview: string | null; today: string }) {
  useT();
  const mark = reviewStateText(nextReview, today);
  if (!mark) return null;
  return (
    <span id={id} className={`map-review-mark review-${mark.state}`}>
      <CalendarClock size={13} aria-hidden /> {mark.text}
    </span>
  );
}

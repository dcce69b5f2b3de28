/**
 * Named versions as the editor uses them: the open map's list of saved versions, and what the
 * canvas shows besides the map (a version read only, a comparison). Every change to the map
 * itself (restoring a version, approving) goes through the editor store's commands; saving a
 * version writes only the versions table, after every pending edit is stored.
 */
import { create } from 'zustand';
import { libraryApi as api } from '../team/current';
import { cmd } from '../../shared/model/commands';
import type { MapDoc, VersionSummary } from '../../shared/model/types';
import { formatDate, t } from '../i18n';
import { clause, failureReason } from '../i18n/errors';
import { notify } from '../store/notices';
import type { EditorStore } from '../store/editorStore';

/** What the canvas compares: `older` is drawn as what was; the screen's map is what is. */
export interface Comparison {
  older: MapDoc;
  olderName: string;
  /** null: the newer side is the current map (edits update the comparison as they are made). */
  newerName: string | null;
}

interface VersionState {
  /** The map whose versions are listed. */
  mapId: string | null;
  /** Newest first; null until read. */
  list: VersionSummary[] | null;
  error: string | null;
  comparison: Comparison | null;
  /** Reads the list of `mapId` (again). */
  refresh(mapId: string): Promise<void>;
  /** Forgets everything (the map was closed). */
  reset(): void;
}

export const useVersions = create<VersionState>((set, get) => ({
  mapId: null,
  list: null,
  error: null,
  comparison: null,
  async refresh(mapId) {
    if (get().mapId !== mapId) set({ mapId, list: null, error: null, comparison: null });
    try {
      const list = await api['versions:list']({ mapId });
      if (get().mapId === mapId) set({ list, error: null });
    } catch (e) {
      if (get().mapId === mapId) set({ error: t('versions.loadFailed', { reason: clause(failureReason(e)) }) });
    }
  },
  reset: () => set({ mapId: null, list: null, error: null, comparison: null }),
}));

/** A name to suggest: "As-is, 26 Nov 2026" for the first version, then "Version 2, …". */
export function suggestedName(count: number, now = new Date()): string {
  const date = formatDate(now.toISOString(), 'date');
  return count === 0 ? t('versions.defaultFirst', { date }) : t('versions.defaultNext', { n: count + 1, date });
}

/**
 * Keeps the map as stored under a name. Pending edits are stored first, so the version is
 * what is on screen. Throws (in words for the user) if it could not be saved.
 */
export async function storeVersion(
  store: EditorStore,
  v: { name: string; note: string; author: string; kind: VersionSummary['kind'] },
): Promise<VersionSummary> {
  const { doc, viewing } = store.getState();
  if (!doc || viewing) throw new Error(t('versions.readOnlyRefused'));
  const mapId = doc.id;
  await store.getState().flush();
  const saved = await api['versions:save']({ mapId, name: v.name.trim(), note: v.note.trim(), author: v.author.trim(), kind: v.kind });
  await useVersions.getState().refresh(mapId);
  return saved;
}

/** `storeVersion`, telling the user how it went; null if it was not saved. */
export async function saveVersion(store: EditorStore, v: { name: string; note: string; author: string }): Promise<VersionSummary | null> {
  try {
    const saved = await storeVersion(store, { ...v, kind: 'manual' });
    notify.info(t('versions.saved', { name: saved.name }));
    return saved;
  } catch (e) {
    notify.error(t('versions.saveFailed', { reason: clause(failureReason(e)) }));
    return null;
  }
}

async function readVersion(mapId: string, id: string): Promise<{ version: VersionSummary; doc: MapDoc } | null> {
  try {
    return await api['versions:get']({ mapId, id });
  } catch (e) {
    notify.error(t('versions.openFailed', { reason: clause(failureReason(e)) }));
    return null;
  }
}

/** The id of the map being edited, whether it or one of its versions is on screen. */
const openMapId = (store: EditorStore) => store.getState().doc?.id ?? null;

/** Shows a saved version on the canvas, read only. */
export async function openVersion(store: EditorStore, v: VersionSummary): Promise<void> {
  const mapId = openMapId(store);
  if (!mapId) return;
  // what was typed in a field goes into the map before the version replaces it on screen
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  const got = await readVersion(mapId, v.id);
  if (!got || openMapId(store) !== mapId) return;
  useVersions.setState({ comparison: null });
  store.getState().viewVersion({ versionId: v.id, name: got.version.name }, got.doc);
}

/**
 * Compares two saved versions (the older one first by date), or a version with the current
 * map (`newer` null). Two versions are shown as the newer one, read only; with the current
 * map the map stays editable and the comparison follows the edits.
 */
export async function compareVersions(store: EditorStore, a: VersionSummary, b: VersionSummary | null): Promise<void> {
  const mapId = openMapId(store);
  if (!mapId) return;
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  const [older, newer] = b && b.createdAt < a.createdAt ? [b, a] : [a, b];
  const olderDoc = await readVersion(mapId, older.id);
  const newerDoc = newer ? await readVersion(mapId, newer.id) : null;
  if (!olderDoc || (newer && !newerDoc) || openMapId(store) !== mapId) return;
  if (newer && newerDoc) store.getState().viewVersion({ versionId: newer.id, name: newerDoc.version.name }, newerDoc.doc);
  else store.getState().endView();
  useVersions.setState({ comparison: { older: olderDoc.doc, olderName: olderDoc.version.name, newerName: newerDoc ? newerDoc.version.name : null } });
}

/** Back to the current map, editable, nothing compared. */
export function closeVersionView(store: EditorStore): void {
  useVersions.setState({ comparison: null });
  store.getState().endView();
}

/**
 * The version without links to maps the library no longer holds (deleted since it was saved,
 * or from another library): storage drops such a link, so the screen must not show it either.
 * Null (and told) when the library cannot be read.
 */
async function withoutMissingLinks(doc: MapDoc): Promise<MapDoc | null> {
  const linked = Object.values(doc.steps).filter((s) => s.linkedMapId);
  if (linked.length === 0) return doc;
  let known: Set<string>;
  try {
    known = new Set((await api['maps:list']({})).map((m) => m.id));
  } catch (e) {
    notify.error(t('versions.openFailed', { reason: clause(failureReason(e)) }));
    return null;
  }
  if (linked.every((s) => known.has(s.linkedMapId!))) return doc;
  const steps = { ...doc.steps };
  for (const s of linked) {
    if (known.has(s.linkedMapId!)) continue;
    const { linkedMapId: _gone, ...unlinked } = s;
    steps[s.id] = unlinked;
  }
  return { ...doc, steps };
}

/**
 * Deletes a version saved by mistake (never an approved one: the backend keeps those). Closes
 * the view or comparison it is part of first. True when deleted.
 */
export async function deleteVersion(store: EditorStore, v: VersionSummary): Promise<boolean> {
  const mapId = openMapId(store);
  if (!mapId) return false;
  if (store.getState().viewing?.versionId === v.id || useVersions.getState().comparison) closeVersionView(store);
  try {
    await api['versions:delete']({ mapId, id: v.id });
  } catch (e) {
    notify.error(t('versions.deleteFailed', { reason: clause(failureReason(e)) }));
    return false;
  } finally {
    await useVersions.getState().refresh(mapId);
  }
  notify.info(t('versions.deleted', { name: v.name }));
  return true;
}

/** Makes a saved version the current state of the map: one undoable edit. */
export async function restoreVersion(store: EditorStore, v: VersionSummary): Promise<boolean> {
  const mapId = openMapId(store);
  if (!mapId) return false;
  const got = await readVersion(mapId, v.id);
  const version = got && (await withoutMissingLinks(got.doc));
  if (!got || !version || openMapId(store) !== mapId) return false;
  closeVersionView(store);
  const ok = store.getState().run(cmd('restoreVersion', { version }));
  if (ok) notify.info(t('versions.restored', { name: got.version.name }));
  return ok;
}

/** "Approved by Anna, 26 Nov 2026": the name of the version kept when a map is approved. */
export function approvedVersionName(by: string, at: string): string {
  return t('status.approvedVersionName', { name: by, date: formatDate(at, 'date') });
}

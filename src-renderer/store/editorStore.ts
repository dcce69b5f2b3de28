/**
 * The editor's state: the open map, its undo history, the selection. Every edit goes through
 * `run(command)`: the next document is computed by the pure command, pushed on the history,
 * and the row-level difference is written to storage at once. Undo and redo move along the
 * history and write their difference the same way, so what is stored is what is on screen.
 */
import { createStore } from 'zustand/vanilla';
import type { LanemapApi } from '../../shared/contract';
import { applyCommand, CommandError, type Command } from '../../shared/model/commands';
import { diffMaps, isEmptyChange } from '../../shared/model/diff';
import { describeIssues, MapChangesSchema, type MapChanges } from '../../shared/model/schema';
import type { MapDoc } from '../../shared/model/types';
import { currentLanguage, t } from '../i18n';
import { clause, describeEditRefusal, describeFailure, failureReason } from '../i18n/errors';

export interface Selection {
  steps: string[];
  flows: string[];
}

interface HistoryEntry {
  doc: MapDoc;
  /** Edits with the same key in a row (typing in one field) merge into one undo step. */
  key?: string;
}

/** A saved version shown in place of the map, read only (review/VersionsPanel.tsx). */
export interface VersionView {
  versionId: string;
  name: string;
}

export interface EditorState {
  /** What is on screen: the open map, or the saved version being looked at (`viewing`). */
  doc: MapDoc | null;
  loading: boolean;
  past: HistoryEntry[];
  future: MapDoc[];
  lastKey?: string;
  selection: Selection;
  /** 1 while what is on screen is not yet all stored, else 0. */
  pendingWrites: number;
  load(mapId: string): Promise<void>;
  close(): void;
  /** Runs an edit; returns false (and tells the user) when the edit is not possible. */
  run(command: Command, opts?: { coalesceKey?: string }): boolean;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  /** Resolves when every edit so far is stored (also after the map was closed). */
  flush(): Promise<void>;
  /** What is not stored yet, for a last write as the window goes away. */
  unsaved(): { id: string; changes: MapChanges } | null;
  /** Set while a saved version is on screen: every edit, undo and redo is refused, nothing is written. */
  viewing: VersionView | null;
  /** Shows a saved version of the open map, read only; the map, its undo history and what is stored stay as they are. */
  viewVersion(view: VersionView, doc: MapDoc): void;
  /** Back to the map as it is now (after a version was shown). */
  endView(): void;
}

const HISTORY_LIMIT = 500;
const EMPTY: Selection = { steps: [], flows: [] };

function sameSelection(a: Selection, b: Selection) {
  return (
    a.steps.length === b.steps.length &&
    a.flows.length === b.flows.length &&
    a.steps.every((s, i) => s === b.steps[i]) &&
    a.flows.every((f, i) => f === b.flows[i])
  );
}

/** Keeps only selected ids that still exist in `doc`. */
function prune(sel: Selection, doc: MapDoc): Selection {
  const steps = sel.steps.filter((id) => doc.steps[id]);
  const flows = sel.flows.filter((id) => doc.flows[id]);
  return steps.length === sel.steps.length && flows.length === sel.flows.length ? sel : { steps, flows };
}

/** Edits kept from a window that went away before it could send them (see saveOnLeave.ts). */
export interface UnsavedStash {
  take(mapId: string): MapChanges | null;
}

export function createEditorStore(api: LanemapApi, notify: { error(text: string): void }, stash?: UnsavedStash) {
  // only the latest load may set the document (opening maps quickly one after another)
  let loadSeq = 0;
  /** What the library holds for the open map, as far as this window knows. */
  let stored: MapDoc | null = null;
  /** The newest document to store: the screen's, kept after the map is closed until it is written. */
  let latest: MapDoc | null = null;
  let writing: Promise<void> | null = null;

  return createStore<EditorState>((set, get) => {
    /**
     * Brings the library up to date with `latest`: one request at a time, each carrying
     * everything changed since the last stored state, so a burst of edits (a held arrow key)
     * costs a few writes, and nothing waits in a queue to be lost.
     */
    function persist() {
      if (latest !== stored) set({ pendingWrites: 1 });
      if (!writing) writing = writeLoop().finally(() => (writing = null));
    }

    async function writeLoop() {
      while (latest && stored && latest !== stored && latest.id === stored.id) {
        const target = latest;
        const changes = diffMaps(stored, target);
        if (!isEmptyChange(changes)) {
          try {
            await api['maps:applyChanges']({ id: target.id, changes });
          } catch (e) {
            await reloadAfterFailure(target.id, e as Error);
            break;
          }
        }
        stored = target;
      }
      set({ pendingWrites: latest === stored ? 0 : 1 });
    }

    async function reloadAfterFailure(mapId: string, e: Error) {
      notify.error(t('errors.saveFailed', { reason: clause(failureReason(e)) }));
      try {
        const fresh = await api['maps:get']({ id: mapId });
        stored = fresh;
        latest = fresh;
        // a version on screen stays there; the map comes back as stored when the view ends
        if (get().viewing) set({ past: [], future: [], lastKey: undefined });
        else if (get().doc?.id === fresh.id) set({ doc: fresh, past: [], future: [], lastKey: undefined, selection: prune(get().selection, fresh) });
      } catch (e2) {
        // stays "Saving…": the next edit tries again with everything not yet stored
        notify.error(describeFailure('reloadMap', e2));
      }
    }

    /** Shows `doc` and stores it. */
    function show(doc: MapDoc, patch: Partial<EditorState>) {
      latest = doc;
      set({ doc, ...patch, selection: prune(patch.selection ?? get().selection, doc) });
      persist();
    }

    function moveTo(target: MapDoc, past: HistoryEntry[], future: MapDoc[]) {
      if (!get().doc) return;
      show(target, { past, future, lastKey: undefined });
    }

    async function flushAll() {
      while (writing) await writing;
    }

    let lastRefusal = 0;
    /** An edit while a saved version is on screen: refused, and said once in a while (a held key repeats). */
    function refuseWhileViewing(): boolean {
      if (!get().viewing) return false;
      if (Date.now() - lastRefusal > 1500) notify.error(t('versions.readOnlyRefused'));
      lastRefusal = Date.now();
      return true;
    }

    return {
      doc: null,
      loading: false,
      past: [],
      future: [],
      selection: EMPTY,
      pendingWrites: 0,
      viewing: null,
      async load(mapId) {
        const seq = ++loadSeq;
        set({ loading: true, viewing: null, doc: null, past: [], future: [], selection: EMPTY, lastKey: undefined });
        try {
          // the map closed before must be stored first: it may be the one being opened
          await flushAll();
          const leftOver = stash?.take(mapId);
          if (leftOver) {
            try {
              await api['maps:applyChanges']({ id: mapId, changes: leftOver });
            } catch (e) {
              notify.error(describeFailure('restoreEdits', e));
            }
          }
          const doc = await api['maps:get']({ id: mapId });
          if (seq !== loadSeq) return;
          stored = doc;
          latest = doc;
          set({ doc, loading: false, pendingWrites: 0 });
        } catch (e) {
          if (seq !== loadSeq) return;
          set({ loading: false });
          notify.error(describeFailure('openMap', e));
        }
      },
      close() {
        loadSeq += 1;
        set({ viewing: null, doc: null, past: [], future: [], selection: EMPTY, lastKey: undefined });
      },
      run(command, opts) {
        const doc = get().doc;
        if (!doc || refuseWhileViewing()) return false;
        let next: MapDoc;
        try {
          next = applyCommand(doc, command);
        } catch (e) {
          if (e instanceof CommandError) {
            notify.error(describeEditRefusal(e.message));
            return false;
          }
          throw e;
        }
        if (next === doc) return true;
        const changes = diffMaps(doc, next);
        if (isEmptyChange(changes)) return true;
        // the same rules the backend enforces, checked before the screen changes
        const valid = MapChangesSchema.safeParse(changes);
        if (!valid.success) {
          // the schema's words are English: other languages get the plain refusal
          notify.error(currentLanguage() === 'en' ? t('errors.editRefusedDetail', { detail: describeIssues(valid.error) }) : t('errors.editRefused'));
          return false;
        }
        const key = opts?.coalesceKey;
        const merge = key !== undefined && key === get().lastKey && get().past.length > 0;
        const past = merge ? get().past : [...get().past, { doc, key }].slice(-HISTORY_LIMIT);
        show(next, { past, future: [], lastKey: key });
        return true;
      },
      undo() {
        if (refuseWhileViewing()) return;
        const { past, future, doc } = get();
        const entry = past[past.length - 1];
        if (!entry || !doc) return;
        moveTo(entry.doc, past.slice(0, -1), [doc, ...future]);
      },
      redo() {
        if (refuseWhileViewing()) return;
        const { past, future, doc } = get();
        const target = future[0];
        if (!target || !doc) return;
        moveTo(target, [...past, { doc }], future.slice(1));
      },
      select(selection) {
        if (!sameSelection(selection, get().selection)) set({ selection });
      },
      flush: flushAll,
      viewVersion(view, versionDoc) {
        if (!get().doc) return;
        // only the screen changes: `latest` (the map as it is now) and the history stay
        set({ doc: versionDoc, viewing: view, selection: EMPTY, lastKey: undefined });
      },
      endView() {
        if (!get().viewing) return;
        set({ doc: latest, viewing: null, selection: EMPTY, lastKey: undefined });
      },
      unsaved() {
        if (!latest || !stored || latest === stored || latest.id !== stored.id) return null;
        const changes = diffMaps(stored, latest);
        return isEmptyChange(changes) ? null : { id: latest.id, changes };
      },
    };
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;

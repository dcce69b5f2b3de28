/**
 * The editor's state: the open map, its undo history, the selection. Every edit goes through
 * `run(command)`: the next document is computed by the pure command, pushed on the history,
 * and the row-level difference is written to storage at once. Undo and redo move along the
 * history and write their difference the same way, so what is stored is what is on screen.
 *
 * Another editor may write the same map (a second window, `npm run web` beside the desktop
 * app). Each write says what it expects to find stored; when another editor changed those rows
 * first the write is refused as a conflict. The store then reads the map again, carries the
 * other editor's changes into the screen and into every undo step (rebase.ts), keeps the user's
 * edits that do not collide, and names the rows that did. `sync()` picks up another editor's
 * writes without an edit of one's own (the editor screen calls it every few seconds).
 */
import { createStore } from 'zustand/vanilla';
import type { LanemapApi } from '../../shared/contract';
import { applyCommand, CommandError, type Command } from '../../shared/model/commands';
import { diffMaps, isEmptyChange } from '../../shared/model/diff';
import { TABLES, type Table } from '../../shared/model/rows';
import { rebaseDoc, remoteChanges, type RebaseConflict, type RemoteChanges } from '../../shared/model/rebase';
import { describeIssues, MapChangesSchema, type MapChanges } from '../../shared/model/schema';
import type { MapDoc } from '../../shared/model/types';
import { onlyComments } from '../../shared/team/protocol';
import { currentLanguage, t } from '../i18n';
import { clause, describeEditRefusal, describeFailure, failureReason } from '../i18n/errors';

export interface Selection {
  steps: string[];
  flows: string[];
  /** Notes on the canvas (absent: none). */
  notes?: string[];
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
  /**
   * Reads the map's revision and, when another editor wrote it, carries their changes in;
   * 'gone' when the map was deleted meanwhile (in another window, or by a restore).
   */
  sync(): Promise<'ok' | 'gone'>;
  /**
   * What is not stored yet, for a last write as the window goes away: the write still on its
   * way (if any) as `changes`, what came after it as `then` (see maps:applyChanges).
   */
  unsaved(): UnsavedEdits | null;
  /** Set while a saved version is on screen: every edit, undo and redo is refused, nothing is written. */
  viewing: VersionView | null;
  /** Shows a saved version of the open map, read only; the map, its undo history and what is stored stay as they are. */
  viewVersion(view: VersionView, doc: MapDoc): void;
  /** Back to the map as it is now (after a version was shown). */
  endView(): void;
  /**
   * Set while the open map may not be changed here (a team map: the user's role, or the team
   * server signed out or not reachable): edits are refused as while `viewing`, except a
   * commenter's edits of comments and pain points. The map stays live (others' changes come in).
   */
  readOnly: ReadOnlyReason | null;
  setReadOnly(reason: ReadOnlyReason | null): void;
  /** Edits the library would not take (a team server signed out or went away), as text to copy; null when none. */
  unsavedText: string | null;
  dismissUnsavedText(): void;
}

/** Why a map is read-only besides a version on screen (see `readOnly`). */
export interface ReadOnlyReason {
  reason: 'viewer' | 'commenter' | 'signed-out' | 'offline';
  /** The library's name, for the words the user is told. */
  library: string;
}

/** For a team library's editor (team/editorStores.ts): what to do when a write cannot reach the library. */
export interface EditorStoreOptions {
  /**
   * A write failed with this code and will not be tried again: the edits are dropped from the
   * screen (nothing is queued) and this gives their text, for the user to copy.
   */
  lost?: { codes: ReadonlySet<string>; describe(stored: MapDoc, unsaved: MapDoc): string };
}

const HISTORY_LIMIT = 500;
/** How many other editors' changes the undo history may owe before it is brought up to date at once. */
const REMOTE_LOG_LIMIT = 25;
const EMPTY: Selection = { steps: [], flows: [] };

function sameSelection(a: Selection, b: Selection) {
  return (
    a.steps.length === b.steps.length &&
    a.flows.length === b.flows.length &&
    a.steps.every((s, i) => s === b.steps[i]) &&
    a.flows.every((f, i) => f === b.flows[i]) &&
    (a.notes ?? []).length === (b.notes ?? []).length &&
    (a.notes ?? []).every((n, i) => n === b.notes![i])
  );
}

/** Keeps only selected ids that still exist in `doc`. */
function prune(sel: Selection, doc: MapDoc): Selection {
  const steps = sel.steps.filter((id) => doc.steps[id]);
  const flows = sel.flows.filter((id) => doc.flows[id]);
  const notes = sel.notes?.filter((id) => doc.notes?.[id]);
  if (steps.length === sel.steps.length && flows.length === sel.flows.length && notes?.length === sel.notes?.length) return sel;
  return notes?.length ? { steps, flows, notes } : { steps, flows };
}

/** Edits not stored yet when a window goes away (see saveOnLeave.ts). */
export interface UnsavedEdits {
  id: string;
  changes: MapChanges;
  then?: MapChanges[];
}

/** Edits kept from a window that went away before it could send them (see saveOnLeave.ts). */
export interface UnsavedStash {
  take(mapId: string): Omit<UnsavedEdits, 'id'> | null;
}

/** A row another editor changed or deleted before this editor's change to it could be stored. */
export type ConflictRow = RebaseConflict | { table: string; id: string; title: string; reason: 'changed' | 'deleted' | 'exists' };

export interface EditorNotify {
  error(text: string): void;
  info?(text: string): void;
  /** Called once for each conflict the user is told about, with the rows concerned. */
  conflict?(rows: ConflictRow[]): void;
}

/** Failures worth trying again in a moment: the backend is busy or not reachable right now. */
const TRANSIENT = new Set(['busy', 'library-busy', 'offline']);
const codeOf = (e: unknown) => (e as { code?: unknown })?.code;

export function createEditorStore(api: LanemapApi, notify: EditorNotify, stash?: UnsavedStash, options: EditorStoreOptions = {}) {
  // only the latest load may set the document (opening maps quickly one after another)
  let loadSeq = 0;
  /** What the library holds for the open map, as far as this window knows. */
  let stored: MapDoc | null = null;
  /** The newest document to store: the screen's, kept after the map is closed until it is written. */
  let latest: MapDoc | null = null;
  let writing: Promise<void> | null = null;

  return createStore<EditorState>((set, get) => {
    /** The map's revision as of `stored`: a write that finds another one means someone else wrote. */
    let knownRevision = -1;
    /** Set when another editor's writes are to be read in before the next write. */
    let syncWanted = false;
    let lastRemoteNotice = 0;

    /**
     * Brings the library up to date with `latest`: one request at a time, each carrying
     * everything changed since the last stored state, so a burst of edits (a held arrow key)
     * costs a few writes, and nothing waits in a queue to be lost.
     */
    function persist() {
      if (latest !== stored) set({ pendingWrites: 1 });
      if (writing) return;
      writing = writeLoop().finally(() => {
        writing = null;
        // an edit made as the loop was ending (after its last look) is written now
        if (!stalled && latest && stored && latest !== stored && latest.id === stored.id) persist();
      });
    }

    /** Set when the write loop gave up (the backend could not be read): the next edit tries again. */
    let stalled = false;
    /** The document a write on its way will store, if it arrives. */
    let inflight: MapDoc | null = null;

    async function writeLoop() {
      let refused = 0;
      let transient = 0;
      stalled = false;
      while (latest && stored && latest.id === stored.id) {
        if (syncWanted) {
          syncWanted = false;
          await carryInRemote(stored.id, false);
          continue;
        }
        if (latest === stored) break;
        const target = latest;
        const changes = diffMaps(stored, target);
        if (isEmptyChange(changes)) {
          stored = target;
          continue;
        }
        try {
          inflight = target;
          const r = await api['maps:applyChanges']({ id: target.id, changes }).finally(() => (inflight = null));
          // another editor wrote between our last write and this one: read their changes in
          if (r.previousRevision !== knownRevision) syncWanted = true;
          knownRevision = r.revision;
          if (r.alreadyGone?.length) forgetDeletedElsewhere(stored, target, r.alreadyGone);
          stored = target;
          refused = transient = 0;
        } catch (e) {
          const code = codeOf(e);
          if (typeof code === 'string' && options.lost?.codes.has(code)) {
            // a team library that cannot take it: said, shown as text to copy, never queued
            const text = options.lost.describe(stored, target);
            latest = stored;
            set({
              doc: get().viewing ? get().doc : stored,
              past: [],
              future: [],
              lastKey: undefined,
              unsavedText: text,
              selection: prune(get().selection, stored),
            });
            notify.error(t('errors.saveFailed', { reason: clause(failureReason(e)) }));
            break;
          }
          if (typeof code === 'string' && TRANSIENT.has(code) && transient < 8) {
            // busy or unreachable for a moment: the same change goes again shortly
            transient += 1;
            await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** Math.min(transient, 4)));
            continue;
          }
          // a conflict (or a reference to a row another editor deleted): read the map again and
          // keep what can be kept, once; a change refused again is dropped as before
          if ((code === 'conflict' || code === 'bad-input') && refused === 0) {
            refused += 1;
            if (!(await carryInRemote(target.id, true))) {
              stalled = true;
              break;
            }
            continue;
          }
          await reloadAfterFailure(target.id, e as Error);
          stalled = latest !== stored;
          break;
        }
      }
      set({ pendingWrites: latest === stored ? 0 : 1 });
    }

    /**
     * Reads the stored map and carries another editor's changes into the screen and the undo
     * history; this editor's edits that do not collide stay and are written next. Tells the
     * user which rows collided (the rebase decides: storage also refuses writes that merge
     * cleanly on a second try). `refused`: this follows a refused write. False when the map
     * cannot be read.
     */
    async function carryInRemote(mapId: string, refused: boolean): Promise<boolean> {
      let fresh: MapDoc;
      let revision: number;
      try {
        // the revision first: a write between the two reads only makes the next sync read again
        revision = (await api['maps:state']({ id: mapId })).revision;
        fresh = await api['maps:get']({ id: mapId });
      } catch (e) {
        notify.error(describeFailure('reloadMap', e));
        return false;
      }
      if (!stored || !latest || stored.id !== mapId) return false;
      const remote = remoteChanges(stored, fresh);
      const before = latest;
      const mine = rebaseDoc(latest, remote);
      const { viewing, doc } = get();
      stored = fresh;
      knownRevision = revision;
      // the undo steps catch up on these changes when they are reached (a long history on a
      // big map would otherwise cost every window a pause whenever another one writes)
      remoteLog.push(remote);
      latest = caughtUpNow(mine.doc);
      const history: Partial<EditorState> = { lastKey: undefined, ...(remoteLog.length > REMOTE_LOG_LIMIT ? compactHistory() : {}) };
      // a version on screen stays there; the map comes back with its changes when the view ends
      if (viewing) set(history);
      else if (doc?.id === mapId) set({ doc: latest, ...history, selection: prune(get().selection, latest) });
      const conflicts = mine.conflicts;
      if (conflicts.length > 0) {
        tellConflicts(conflicts, { base: remote.base, fresh, mine: before });
        notify.conflict?.(conflicts);
      } else if (!refused && Date.now() - lastRemoteNotice > 60_000 && Object.keys(remote.rows).length + (remote.base.title !== fresh.title ? 1 : 0) > 0) {
        // said once in a while, not at every keystroke of the other window
        lastRemoteNotice = Date.now();
        notify.info?.(t('errors.remoteChanges'));
      }
      return true;
    }

    /**
     * Tells the user which rows another window changed or deleted first, named as a person
     * knows them: steps and lanes by name, a flow by its two steps, a mark by its step, a
     * comment by its first words: a deleted row as both windows knew it (`base`), a changed one
     * as it is stored now (`fresh`), else as this window had it (`mine`).
     */
    function tellConflicts(rows: ConflictRow[], docs: { base: MapDoc; fresh: MapDoc; mine: MapDoc }) {
      let order = [docs.fresh, docs.mine, docs.base];
      const find = <T extends 'steps' | 'flows' | 'roles' | 'phases' | 'comments' | 'painPoints'>(table: T, id: string) => {
        for (const d of order) {
          const row = Object.hasOwn(d[table], id) ? (d[table][id] as MapDoc[T][string]) : undefined;
          if (row) return row;
        }
        return undefined;
      };
      const quote = (text: string | undefined) => `«${(text ?? '').trim().slice(0, 60) || t('errors.conflictUntitled')}»`;
      const stepName = (id: string) => quote(find('steps', id)?.title);
      const name = (c: ConflictRow): string => {
        switch (c.table) {
          case 'steps':
            return stepName(c.id);
          case 'flows': {
            const f = find('flows', c.id);
            return f ? `${stepName(f.fromStepId)} → ${stepName(f.toStepId)}` : quote(c.title);
          }
          case 'roles':
          case 'phases':
            return quote(find(c.table, c.id)?.name ?? c.title);
          case 'painPoints': {
            const p = find('painPoints', c.id);
            return p ? `${t(`painPoints.kinds.${p.kind}`)}: ${stepName(p.stepId)}` : quote(c.title);
          }
          case 'comments':
            return quote(find('comments', c.id)?.text ?? c.title);
          default:
            return quote(docs.fresh.title);
        }
      };
      const list = (deleted: boolean) => {
        order = deleted ? [docs.base, docs.mine, docs.fresh] : [docs.fresh, docs.mine, docs.base];
        const names = [...new Set(rows.filter((c) => (c.reason === 'deleted') === deleted).map(name))];
        return { names: names.length > 5 ? `${names.slice(0, 5).join(', ')}, …` : names.join(', '), count: names.length };
      };
      const changed = list(false);
      const deleted = list(true);
      if (changed.count) notify.error(t('errors.conflictChanged', changed));
      if (deleted.count) notify.error(t('errors.conflictDeleted', deleted));
    }

    async function reloadAfterFailure(mapId: string, e: Error) {
      notify.error(t('errors.saveFailed', { reason: clause(failureReason(e)) }));
      try {
        const state = await api['maps:state']({ id: mapId });
        const fresh = await api['maps:get']({ id: mapId });
        stored = fresh;
        latest = fresh;
        forgetRemote();
        knownRevision = state.revision;
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
      show(catchUp(target), { past, future, lastKey: undefined });
    }

    /**
     * Other editors' changes carried in since the map was opened, oldest first; `caughtUp`
     * says how many of them each document of the undo history already has.
     */
    let remoteLog: RemoteChanges[] = [];
    const caughtUp = new WeakMap<MapDoc, number>();
    /** Marks a document as having every change carried in so far (the screen's always has). */
    function caughtUpNow(doc: MapDoc): MapDoc {
      caughtUp.set(doc, remoteLog.length);
      return doc;
    }
    /** `doc` (an undo step) with the other editors' changes it has not seen yet. */
    function catchUp(doc: MapDoc): MapDoc {
      let d = doc;
      for (let i = caughtUp.get(doc) ?? remoteLog.length; i < remoteLog.length; i++) d = rebaseDoc(d, remoteLog[i]!).doc;
      return caughtUpNow(d);
    }
    /** Brings every undo step up to date and starts the log afresh (it only grows otherwise). */
    function compactHistory(): Pick<EditorState, 'past' | 'future'> {
      const { past, future } = get();
      const caught = { past: past.map((h) => ({ ...h, doc: catchUp(h.doc) })), future: future.map(catchUp) };
      remoteLog = [];
      for (const d of [latest, ...caught.past.map((h) => h.doc), ...caught.future]) if (d) caughtUp.set(d, 0);
      return caught;
    }
    /**
     * Rows this window deleted that another had deleted first: the undo steps forget them too,
     * so an undo or redo never brings back what the other window deleted (without a word).
     */
    function forgetDeletedElsewhere(before: MapDoc, after: MapDoc, gone: { table: string; id: string }[]) {
      const base: MapDoc = { ...after };
      const rows: RemoteChanges['rows'] = {};
      for (const { table, id } of gone) {
        const t = table as Table;
        const row = (before[t] as Record<string, object>)[id];
        if (!TABLES.includes(t) || !row) continue;
        (base as unknown as Record<Table, Record<string, object>>)[t] = { ...(base[t] as Record<string, object>), [id]: row };
        (rows[t] ??= []).push([id, []]);
      }
      remoteLog.push({ base, fresh: after, rows, deletes: true });
      if (latest) caughtUpNow(latest);
    }
    function forgetRemote() {
      remoteLog = [];
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
    /** An edit of a read-only map (`readOnly`): refused unless a commenter's edit of comments and pain points only. */
    function refuseReadOnly(from: MapDoc, to: MapDoc): boolean {
      const ro = get().readOnly;
      if (!ro) return false;
      if (ro.reason === 'commenter' && onlyComments(diffMaps(from, to))) return false;
      if (Date.now() - lastRefusal > 1500)
        notify.error(t('team.editor.refused', { reason: t(`team.editor.${ro.reason === 'signed-out' ? 'signedOut' : ro.reason}`, { library: ro.library }) }));
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
      readOnly: null,
      unsavedText: null,
      setReadOnly(reason) {
        const now = get().readOnly;
        if (now?.reason === reason?.reason && now?.library === reason?.library) return;
        set({ readOnly: reason });
      },
      dismissUnsavedText() {
        set({ unsavedText: null });
      },
      async load(mapId) {
        const seq = ++loadSeq;
        set({ loading: true, viewing: null, doc: null, past: [], future: [], selection: EMPTY, lastKey: undefined });
        try {
          // the map closed before must be stored first: it may be the one being opened
          await flushAll();
          const leftOver = stash?.take(mapId);
          if (leftOver) {
            try {
              await api['maps:applyChanges']({ id: mapId, ...leftOver });
            } catch (e) {
              notify.error(describeFailure('restoreEdits', e));
            }
          }
          // the revision first: a write between the two reads only makes the next sync read again
          const { revision } = await api['maps:state']({ id: mapId });
          const doc = await api['maps:get']({ id: mapId });
          if (seq !== loadSeq) return;
          stored = doc;
          latest = doc;
          forgetRemote();
          knownRevision = revision;
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
        if (refuseReadOnly(doc, next)) return false;
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
        const past = merge ? get().past : [...get().past, { doc: caughtUpNow(doc), key }].slice(-HISTORY_LIMIT);
        show(next, { past, future: [], lastKey: key });
        return true;
      },
      undo() {
        if (refuseWhileViewing()) return;
        const { past, future, doc } = get();
        const entry = past[past.length - 1];
        if (!entry || !doc || refuseReadOnly(doc, entry.doc)) return;
        moveTo(entry.doc, past.slice(0, -1), [caughtUpNow(doc), ...future]);
      },
      redo() {
        if (refuseWhileViewing()) return;
        const { past, future, doc } = get();
        const target = future[0];
        if (!target || !doc || refuseReadOnly(doc, target)) return;
        moveTo(target, [...past, { doc: caughtUpNow(doc) }], future.slice(1));
      },
      select(selection) {
        if (!sameSelection(selection, get().selection)) set({ selection });
      },
      flush: flushAll,
      async sync() {
        const id = stored?.id;
        if (!id || writing || get().loading || get().doc?.id !== id) return 'ok';
        let revision: number;
        try {
          revision = (await api['maps:state']({ id })).revision;
        } catch (e) {
          // not reachable right now: the next sync or edit will say so
          return codeOf(e) === 'not-found' && stored?.id === id ? 'gone' : 'ok';
        }
        if (revision === knownRevision || stored?.id !== id) return 'ok';
        syncWanted = true;
        persist();
        await flushAll();
        return 'ok';
      },
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
        // a write on its way may arrive before or after this last one: it goes first, and the
        // backend skips it if it has arrived; what came after it follows, expecting it stored
        if (inflight && inflight !== stored && inflight.id === latest.id) {
          const changes = diffMaps(stored, inflight);
          const after = diffMaps(inflight, latest);
          return { id: latest.id, changes, then: isEmptyChange(after) ? [] : [after] };
        }
        const changes = diffMaps(stored, latest);
        return isEmptyChange(changes) ? null : { id: latest.id, changes };
      },
    };
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;

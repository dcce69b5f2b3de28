/**
 * The presentation's state and what the keys and buttons do with it: the walk (current step,
 * path back, steps shown), the overview page, the highlighted branch of a decision, and a short
 * message when a key cannot do what was asked ("choose a branch first").
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { t } from '../i18n';
import { advance, buildWalkMap, choose as takeBranch, goBack, goTo, nextUnvisited, phaseIndexOf, startWalk, type WalkMap, type WalkState } from './walk';
import type { MapDoc } from '../../shared/model/types';

/** `page` 0 is the whole map, 1… are the phase columns in order. */
export type Mode = { kind: 'walk' } | { kind: 'overview'; page: number };

export interface Flash {
  text: string;
  seq: number;
}

export interface Presenter {
  map: WalkMap;
  walk: WalkState;
  mode: Mode;
  /** The branch picked with ↑ ↓ at a decision, waiting for Enter. */
  highlight: number | null;
  flash: Flash | null;
  next(): void;
  back(): void;
  choose(index: number): void;
  /** ↑ ↓ through a decision's branches. */
  moveHighlight(delta: 1 | -1): void;
  confirmHighlight(): void;
  first(): void;
  nextNotShown(): void;
  jump(stepId: string): void;
  toggleOverview(): void;
  closeOverview(): void;
  turnPage(delta: 1 | -1): void;
  showPage(page: number): void;
  startAtPage(): void;
  say(text: string): void;
}

export function usePresenter(doc: MapDoc, startAt: string | null): Presenter {
  const map = useMemo(() => buildWalkMap(doc), [doc]);
  const [walk, setWalk] = useState<WalkState>(() => startWalk(map, startAt));
  const [mode, setMode] = useState<Mode>({ kind: 'walk' });
  const [highlight, setHighlight] = useState<number | null>(null);
  const [flash, setFlash] = useState<Flash | null>(null);
  const seq = useRef(0);

  // steps are not edited while presenting, but the map may still change under us (an undo elsewhere)
  useEffect(() => {
    if (walk.current ? !map.number.has(walk.current) : map.first !== null)
      setWalk((w) =>
        startWalk(
          map,
          null,
          [...w.visited].filter((id) => map.number.has(id)),
        ),
      );
  }, [map, walk.current]); // eslint-disable-line react-hooks/exhaustive-deps

  const say = useCallback((text: string) => setFlash({ text, seq: ++seq.current }), []);
  const moveTo = useCallback((next: WalkState, note?: string) => {
    setWalk(next);
    setHighlight(null);
    setMode({ kind: 'walk' });
    setFlash(note ? { text: note, seq: ++seq.current } : null);
  }, []);

  const pages = map.phases.length + 1;
  const branchCount = walk.current ? (map.out.get(walk.current)?.length ?? 0) : 0;

  return useMemo<Presenter>(() => {
    const chooseFirst = () => say(t('presentation.card.chooseFirst', { max: Math.min(branchCount, 9) }));
    return {
      map,
      walk,
      mode,
      highlight,
      flash,
      say,
      next() {
        const r = advance(map, walk);
        if (r.kind === 'moved') moveTo(r.walk, r.revisit ? t('presentation.card.revisit') : undefined);
        else if (r.kind === 'choose') chooseFirst();
        else if (r.kind === 'end') say(r.unvisited ? t('presentation.card.notShown', { count: r.unvisited }) : t('presentation.card.allShown'));
      },
      back() {
        const previous = goBack(walk);
        if (previous) moveTo(previous);
        else say(t('presentation.card.atBeginning'));
      },
      choose(index) {
        if (branchCount < 2) return;
        const next = takeBranch(map, walk, index);
        if (next) moveTo(next);
        else chooseFirst();
      },
      moveHighlight(delta) {
        if (branchCount < 2) return;
        setHighlight((h) => (h === null ? (delta > 0 ? 0 : branchCount - 1) : (h + delta + branchCount) % branchCount));
      },
      confirmHighlight() {
        const next = highlight === null ? null : takeBranch(map, walk, highlight);
        if (next) moveTo(next);
        else chooseFirst();
      },
      first() {
        if (map.first) moveTo(walk.current === map.first ? walk : goTo(walk, map.first));
      },
      nextNotShown() {
        const id = nextUnvisited(map, walk);
        if (id) moveTo(goTo(walk, id));
        else say(t('presentation.card.allShown'));
      },
      jump(stepId) {
        if (!map.number.has(stepId)) return;
        moveTo(stepId === walk.current ? walk : goTo(walk, stepId));
      },
      toggleOverview() {
        if (mode.kind === 'overview') setMode({ kind: 'walk' });
        else setMode({ kind: 'overview', page: walk.current ? phaseIndexOf(map, walk.current) + 1 : 0 });
        setFlash(null);
      },
      closeOverview() {
        setMode({ kind: 'walk' });
      },
      turnPage(delta) {
        if (mode.kind !== 'overview') return;
        setMode({ kind: 'overview', page: Math.max(0, Math.min(pages - 1, mode.page + delta)) });
      },
      showPage(page) {
        setMode({ kind: 'overview', page: Math.max(0, Math.min(pages - 1, page)) });
        setFlash(null);
      },
      startAtPage() {
        if (mode.kind !== 'overview') return;
        const group = mode.page > 0 ? map.phases[mode.page - 1] : undefined;
        const target = group ? group.steps[0] : (walk.current ?? map.first ?? map.order[0]);
        if (target) moveTo(target === walk.current ? walk : goTo(walk, target));
        // nothing to start at: an empty column, or (whole-map page) a map without steps
        else say(t(group ? 'presentation.overview.emptyPhase' : 'presentation.card.empty'));
      },
    };
  }, [map, walk, mode, highlight, flash, say, moveTo, pages, branchCount]);
}

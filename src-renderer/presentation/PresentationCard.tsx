/**
 * The card beside the map: the current step in large type (title, role in its lane's colour,
 * phase, description, inputs, outputs, resources, duration, open comments) and what comes
 * next: the way on, a decision's numbered branches, or the end with what is left to show. In
 * the overview it lists a phase's steps, or the phases of the whole map.
 */
import { Check, Clock, CornerDownRight, Flag, Layers, MessageSquare, RotateCcw, SkipForward, Workflow } from 'lucide-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MapDoc, Step } from '../../shared/model/types';
import { libraryApi as api } from '../team/current';
import { formatDuration, useT } from '../i18n';
import { openCommentCounts } from '../review/comments';
import type { Presenter } from './usePresenter';
import { nextUnvisited, unvisitedCount } from './walk';
import { PresentationKpiRows } from '../optimise/kpi/KpiBadges';

const stepTitle = (s: Step | undefined, untitled: string) => (s && s.title.trim()) || untitled;

/** The title of the map a sub-process opens (read once; a missing map simply shows no title). */
function useMapTitle(mapId: string | undefined): string | null {
  const [title, setTitle] = useState<{ id: string; title: string } | null>(null);
  useEffect(() => {
    if (!mapId) return;
    let live = true;
    api['maps:list']({}).then(
      (maps) => {
        const found = maps.find((m) => m.id === mapId);
        if (live && found) setTitle({ id: mapId, title: found.title });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [mapId]);
  return mapId && title?.id === mapId ? title.title : null;
}

function Items({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <section className="pres-items">
      <h3>{label}</h3>
      <ul>
        {items.map((item, i) => (
          <li key={i} translate="no">
            {item}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="pres-kbd">{children}</kbd>;
}

interface CardProps {
  doc: MapDoc;
  presenter: Presenter;
  onComment(): void;
  /** Rendered at the foot of the card instead of the way on (the comment box). */
  overlay?: ReactNode;
}

export function PresentationCard({ doc, presenter, onComment, overlay }: CardProps) {
  const p = presenter;
  return (
    <aside className="pres-card">
      {p.mode.kind === 'overview' ? (
        <OverviewCard doc={doc} presenter={p} page={p.mode.page} />
      ) : (
        <StepCard doc={doc} presenter={p} onComment={onComment} showWayOn={!overlay} />
      )}
      {p.flash && (
        <p className="pres-flash" role="status" key={p.flash.seq}>
          {p.flash.text}
        </p>
      )}
      {overlay}
    </aside>
  );
}

function StepCard({ doc, presenter: p, onComment, showWayOn }: { doc: MapDoc; presenter: Presenter; onComment(): void; showWayOn: boolean }) {
  const t = useT();
  const id = p.walk.current;
  const step = id ? doc.steps[id] : undefined;
  const linkedTitle = useMapTitle(step?.kind === 'subprocess' ? step.linkedMapId : undefined);
  if (!step || !id) {
    return (
      <div className="pres-card-body">
        <h2 className="pres-title">{t('presentation.card.empty')}</h2>
      </div>
    );
  }
  const role = doc.roles[step.roleId];
  const phase = step.phaseId ? doc.phases[step.phaseId] : undefined;
  const phased = Object.keys(doc.phases).length > 0;
  const comments = openCommentCounts(doc).steps.get(id) ?? 0;
  const untitled = t('common.untitledStep');
  return (
    <>
      <div className="pres-card-body">
        <p className="pres-kind">
          {step.kind === 'subprocess' && <Workflow size={18} aria-hidden />}
          {t(`common.kinds.${step.kind}`)}
          {step.trigger &&
            ` · ${step.throwing || step.kind === 'end' ? t('kinds.sendsTrigger', { trigger: t(`common.triggers.${step.trigger}`) }) : t('kinds.waitsForTrigger', { trigger: t(`common.triggers.${step.trigger}`) })}`}
        </p>
        <h2 className="pres-title" translate="no">
          {stepTitle(step, untitled)}
        </h2>
        <dl className="pres-meta">
          {role && (
            <div>
              <dt>{t('presentation.card.role')}</dt>
              <dd>
                <span className="pres-swatch" style={{ background: role.color }} aria-hidden />
                <span translate="no">{role.name}</span>
              </dd>
            </div>
          )}
          {phased && (
            <div>
              <dt>{t('presentation.card.phase')}</dt>
              <dd translate={phase ? 'no' : undefined}>{phase ? phase.name : t('common.noPhase')}</dd>
            </div>
          )}
          {step.duration && (
            <div>
              <dt>{t('presentation.card.duration')}</dt>
              <dd>
                <Clock size={18} aria-hidden /> {formatDuration(step.duration)}
              </dd>
            </div>
          )}
          <PresentationKpiRows step={step} />
        </dl>
        {/* what the room said about the step, before the details: it is what the talk is about now */}
        <button type="button" className="pres-comments" onClick={onComment}>
          <MessageSquare size={18} aria-hidden />
          <span data-testid="pres-comment-count">
            {comments > 0 ? t('presentation.card.openComments', { count: comments }) : t('presentation.card.noComments')}
          </span>
          <Kbd>C</Kbd>
        </button>
        <LatestComments doc={doc} stepId={id} />
        {step.description.trim() && (
          <p className="pres-description" translate="no">
            {step.description}
          </p>
        )}
        <Items label={t('presentation.card.inputs')} items={step.inputs} />
        <Items label={t('presentation.card.outputs')} items={step.outputs} />
        <Items label={t('presentation.card.resources')} items={step.resources} />
        {step.kind === 'subprocess' && (
          <p className="pres-note">
            <Layers size={18} aria-hidden />{' '}
            {step.linkedMapId
              ? linkedTitle
                ? t('presentation.card.subprocessLinked', { title: linkedTitle })
                : t('presentation.card.subprocessLinkedUnknown')
              : t('presentation.card.subprocessUnlinked')}
          </p>
        )}
      </div>
      {showWayOn && <WayOn doc={doc} presenter={p} />}
    </>
  );
}

/** How many of a step's open comments the card shows, the latest first. */
const COMMENTS_SHOWN = 3;

/** The step's latest open comments (a reply too), with their authors, and how many more there are. */
function LatestComments({ doc, stepId }: { doc: MapDoc; stepId: string }) {
  const t = useT();
  const open = useMemo(
    () =>
      Object.values(doc.comments)
        .filter((c) => {
          const root = c.parentId ? doc.comments[c.parentId] : c;
          return c.targetKind === 'step' && c.targetId === stepId && !!root && !root.resolvedAt;
        })
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)),
    [doc.comments, stepId],
  );
  if (open.length === 0) return null;
  const more = open.length - COMMENTS_SHOWN;
  return (
    <section className="pres-comment-list" aria-label={t('presentationMore.comments.label')}>
      <ul>
        {open.slice(0, COMMENTS_SHOWN).map((c) => (
          <li key={c.id}>
            <p className="pres-comment-author">
              <span translate="no">{c.author}</span>
              {c.parentId && <span className="pres-comment-reply"> · {t('presentationMore.comments.reply')}</span>}
            </p>
            <p className="pres-comment-text" translate="no">
              {c.text}
            </p>
          </li>
        ))}
      </ul>
      {more > 0 && <p className="pres-comment-more">{t('presentationMore.comments.more', { count: more })}</p>}
    </section>
  );
}

/** The foot of the card: where the walk can go from here. */
function WayOn({ doc, presenter: p }: { doc: MapDoc; presenter: Presenter }) {
  const t = useT();
  const id = p.walk.current!;
  const ways = p.map.out.get(id) ?? [];
  const untitled = t('common.untitledStep');
  if (ways.length > 1) {
    const max = Math.min(ways.length, 9);
    // a decision asks; a task that hands over to several steps at once only orders the telling
    const question = doc.steps[id]?.kind === 'decision' ? t('presentation.card.which') : t('presentation.card.whichFirst');
    return (
      <div className="pres-way">
        <p className="pres-way-title">{question}</p>
        <ol className="pres-choices" aria-label={question}>
          {ways.map((w, i) => (
            <li key={w.flowId}>
              <button
                type="button"
                className={`pres-choice${p.highlight === i ? ' is-highlighted' : ''}`}
                aria-current={p.highlight === i ? 'true' : undefined}
                onClick={() => p.choose(i)}
              >
                <span className="pres-choice-key">{i < 9 ? i + 1 : '·'}</span>
                <span className="pres-choice-text">
                  {w.label ? (
                    <>
                      <strong translate="no">{w.label}</strong>
                      {' → '}
                    </>
                  ) : (
                    '→ '
                  )}
                  <span translate="no">{stepTitle(doc.steps[w.to], untitled)}</span>
                </span>
                {p.walk.visited.has(w.to) && (
                  <span className="pres-shown">
                    <Check size={16} aria-hidden /> {t('presentation.card.shownBefore')}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ol>
        <p className="pres-way-hint">{t('presentation.card.chooseHint', { max })}</p>
      </div>
    );
  }
  if (ways.length === 1) {
    const w = ways[0]!;
    return (
      <div className="pres-way">
        <button type="button" className="pres-next" onClick={p.next}>
          <CornerDownRight size={20} aria-hidden />
          <span>
            {t('presentation.card.next')}
            {w.label && (
              <>
                {' '}
                <strong translate="no">{w.label}</strong>
              </>
            )}
            {': '}
            <span translate="no">{stepTitle(doc.steps[w.to], untitled)}</span>
          </span>
        </button>
      </div>
    );
  }
  const left = unvisitedCount(p.map, p.walk);
  const nextId = nextUnvisited(p.map, p.walk);
  return (
    <div className="pres-way pres-end">
      <p className="pres-way-title">
        <Flag size={20} aria-hidden /> {t('presentation.card.end')}
      </p>
      <p>{left ? t('presentation.card.notShown', { count: left }) : t('presentation.card.allShown')}</p>
      <div className="pres-end-actions">
        {nextId && (
          <button type="button" onClick={p.nextNotShown}>
            <SkipForward size={18} aria-hidden />
            <span>
              {t('presentation.card.nextNotShown')} <span translate="no">{stepTitle(doc.steps[nextId], untitled)}</span>
            </span>
            <Kbd>N</Kbd>
          </button>
        )}
        <button type="button" onClick={p.first}>
          <RotateCcw size={18} aria-hidden />
          <span>{t('presentation.card.restart')}</span>
          <Kbd>{t('presentation.keys.home')}</Kbd>
        </button>
      </div>
    </div>
  );
}

function OverviewCard({ doc, presenter: p, page }: { doc: MapDoc; presenter: Presenter; page: number }) {
  const t = useT();
  const untitled = t('common.untitledStep');
  const realPhases = p.map.phases.filter((g) => g.phaseId !== null).length;
  const group = page > 0 ? p.map.phases[page - 1] : undefined;
  const number = (id: string) => p.map.number.get(id) ?? 0;
  const stepList = (ids: string[]) => (
    <ol className="pres-step-list">
      {ids.map((id) => {
        const s = doc.steps[id];
        const role = s ? doc.roles[s.roleId] : undefined;
        return (
          <li key={id}>
            <button type="button" className={id === p.walk.current ? 'is-current' : undefined} onClick={() => p.jump(id)}>
              <span className="pres-step-number">{number(id)}</span>
              <span className="pres-swatch" style={{ background: role?.color ?? '#8a94a6' }} aria-hidden />
              <span translate="no">{stepTitle(s, untitled)}</span>
              {p.walk.visited.has(id) && <Check size={16} aria-label={t('presentation.card.shownBefore')} />}
            </button>
          </li>
        );
      })}
    </ol>
  );
  let body: ReactNode;
  if (!group) {
    body = (
      <>
        <p className="pres-kind">{t('presentation.overview.label')}</p>
        <h2 className="pres-title">{t('presentation.overview.wholeMap')}</h2>
        <p className="pres-subtitle">
          <span translate="no">{doc.title}</span> · {t('common.stepCount', { count: p.map.order.length })}
        </p>
        {p.map.phases.length > 0 ? (
          <ol className="pres-step-list">
            {p.map.phases.map((g, i) => (
              <li key={g.phaseId ?? ''}>
                <button type="button" onClick={() => p.showPage(i + 1)}>
                  <span className="pres-step-number">{g.phaseId ? p.map.phases.slice(0, i + 1).filter((x) => x.phaseId !== null).length : '–'}</span>
                  <span translate={g.phaseId ? 'no' : undefined}>{g.phaseId ? doc.phases[g.phaseId]?.name : t('common.noPhase')}</span>
                  <span className="pres-count">{t('common.stepCount', { count: g.steps.length })}</span>
                </button>
              </li>
            ))}
          </ol>
        ) : (
          stepList(p.map.order)
        )}
      </>
    );
  } else {
    const phaseNumber = group.phaseId ? p.map.phases.slice(0, page).filter((x) => x.phaseId !== null).length : 0;
    body = (
      <>
        <p className="pres-kind">{t('presentation.overview.label')}</p>
        <h2 className="pres-title" translate={group.phaseId ? 'no' : undefined}>
          {group.phaseId ? doc.phases[group.phaseId]?.name : t('presentation.overview.noPhase')}
        </h2>
        <p className="pres-subtitle">
          {group.phaseId && <>{t('presentation.overview.phaseOf', { n: phaseNumber, total: realPhases })} · </>}
          {t('common.stepCount', { count: group.steps.length })}
        </p>
        {group.steps.length ? stepList(group.steps) : <p>{t('presentation.overview.emptyPhase')}</p>}
      </>
    );
  }
  return (
    <>
      <div className="pres-card-body">{body}</div>
      <div className="pres-way">
        <p className="pres-way-hint">{t(group ? 'presentation.overview.hintPhase' : 'presentation.overview.hintMap')}</p>
      </div>
    </>
  );
}

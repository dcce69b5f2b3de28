/**
 * The map's status in the toolbar (draft → in review → approved) and its menu. Approving asks
 * who approves, stores every pending edit and keeps the map as it is then as an "approved"
 * version. A later edit makes the map a draft again (shared/model/commands.ts); the user is
 * told once, and the approved version stays in Versions untouched.
 */
import { BadgeCheck, ChevronDown } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { cmd } from '../../shared/model/commands';
import { LIMITS, type MapDoc, type MapStatus } from '../../shared/model/types';
import { Dialog } from '../components/Dialog';
import { formatDate, t as translate, useLanguage, useT } from '../i18n';
import { clause, failureReason } from '../i18n/errors';
import { useSettings } from '../settings/settingsStore';
import type { EditorStore } from '../store/editorStore';
import { useEditor, useEditorStore } from '../store/context';
import { notify } from '../store/notices';
import { approvedVersionName, storeVersion } from './versionState';
import { formatDay } from '../optimise/review/reviewDates';
import { LimitedInput } from '../components/limits/useTextLimit';

/** What a reader of the map would see differ (not its status, comments or properties). */
function contentDiffers(a: MapDoc, b: MapDoc): boolean {
  return (
    a.title !== b.title ||
    a.description !== b.description ||
    a.direction !== b.direction ||
    a.roles !== b.roles ||
    a.phases !== b.phases ||
    a.steps !== b.steps ||
    a.flows !== b.flows
  );
}

/** Tells the user when an edit turns an approved map back into a draft (once per such edit). */
function useDraftAgainNotice(store: EditorStore) {
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (!s.doc || !prev.doc || s.viewing || prev.viewing || s.doc.id !== prev.doc.id) return;
        if (prev.doc.status === 'approved' && s.doc.status !== 'approved' && contentDiffers(prev.doc, s.doc)) notify.info(translate('status.draftAgain'));
      }),
    [store],
  );
}

/** Approves the map as it is now and keeps that state as an approved version. */
async function approve(store: EditorStore, by: string) {
  const at = new Date().toISOString();
  if (!store.getState().run(cmd('setStatus', { status: 'approved', by, at }))) return;
  await store.getState().flush();
  // another window changed the map meanwhile and the approval was not stored (the user was told)
  if (store.getState().doc?.approval?.at !== at || store.getState().doc?.status !== 'approved') return;
  try {
    await storeVersion(store, { name: approvedVersionName(by, at), note: '', author: by, kind: 'approved' });
    notify.info(translate('status.approved', { name: by }));
  } catch (e) {
    notify.error(translate('status.approvedNoVersion', { reason: clause(failureReason(e)) }));
  }
}

/** Stands for a person's name in a sentence, which is then drawn apart (marked as not to translate). */
const NAME_MARK = '\u2063';

function WithName({ text, name }: { text: string; name: string }) {
  const [before, after] = text.split(NAME_MARK);
  return (
    <>
      {before}
      <span translate="no">{name}</span>
      {after}
    </>
  );
}

export function StatusChip() {
  const t = useT();
  useLanguage();
  const store = useEditorStore();
  const status: MapStatus = useEditor((s) => s.doc?.status ?? 'draft');
  const approval = useEditor((s) => s.doc?.approval);
  const nextReview = useEditor((s) => s.doc?.nextReview);
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  const [open, setOpen] = useState(false);
  const [approving, setApproving] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useDraftAgainNotice(store);

  useEffect(() => {
    if (!open) return;
    box.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  // approving sets the next review (shared/model/commands.ts setStatus): said beside the approval
  const nextLine = status === 'approved' && nextReview ? t('reviewCycle.approvedNext', { date: formatDay(nextReview) }) : null;
  const approvedLine = approval
    ? t(status === 'approved' ? 'status.approvedBy' : 'status.lastApproved', { name: approval.by, date: formatDate(approval.at, 'date') }) +
      (nextLine ? ` · ${nextLine}` : '')
    : null;
  const label = t('status.label', { status: t(`status.names.${status}`) });
  const set = (next: MapStatus) => {
    setOpen(false);
    if (store.getState().run(cmd('setStatus', { status: next })) && next === 'in_review') notify.info(t('status.sentForReview'));
  };

  return (
    <div className="status-chip-box" ref={box}>
      <button
        type="button"
        className={`status-chip status-${status}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`${label}. ${t('status.menu')}`}
        title={approvedLine ? `${label}. ${approvedLine}` : label}
        disabled={readOnly}
        onClick={() => setOpen((v) => !v)}
      >
        {status === 'approved' && <BadgeCheck size={13} aria-hidden />}
        {t(`status.names.${status}`)}
        <ChevronDown size={12} aria-hidden />
      </button>
      {open && (
        <div
          className="status-menu"
          role="menu"
          aria-label={t('status.menu')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              box.current?.querySelector<HTMLElement>('.status-chip')?.focus();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const items = [...(box.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
              const at = items.indexOf(document.activeElement as HTMLElement);
              items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
            }
          }}
        >
          {approval && (
            <p className="status-menu-note">
              <WithName
                text={t(status === 'approved' ? 'status.approvedBy' : 'status.lastApproved', { name: NAME_MARK, date: formatDate(approval.at, 'date') })}
                name={approval.by}
              />
              {nextLine && <span className="status-next-review"> · {nextLine}</span>}
            </p>
          )}
          {status === 'draft' && (
            <button type="button" role="menuitem" onClick={() => set('in_review')}>
              {t('status.sendForReview')}
            </button>
          )}
          {status !== 'approved' && (
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                setApproving(true);
              }}
            >
              {t('status.approve')}
            </button>
          )}
          {status !== 'draft' && (
            <button type="button" role="menuitem" onClick={() => set('draft')}>
              {t('status.backToDraft')}
            </button>
          )}
        </div>
      )}
      {approving && (
        <ApproveDialog
          onCancel={() => setApproving(false)}
          onApprove={(by) => {
            setApproving(false);
            void approve(store, by);
          }}
        />
      )}
    </div>
  );
}

function ApproveDialog({ onApprove, onCancel }: { onApprove(by: string): void; onCancel(): void }) {
  const t = useT();
  const [by, setBy] = useState(() => useSettings.getState().authorName);
  return (
    <Dialog title={t('status.approveTitle')} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (by.trim()) onApprove(by.trim());
        }}
      >
        <p className="muted">{t('status.approveMessage')}</p>
        <label className="field">
          <span>{t('status.approver')}</span>
          <LimitedInput name="approver" value={by} maxLength={LIMITS.author} required onChange={(e) => setBy(e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!by.trim()}>
            {t('status.approveConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The status on a library card; a draft (the usual state) shows nothing. */
export function MapStatusBadge({ status }: { status: MapStatus }) {
  const t = useT();
  if (status === 'draft') return null;
  return <span className={`map-status-badge status-${status}`}>{t(`status.names.${status}`)}</span>;
}

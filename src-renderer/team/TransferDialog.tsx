/**
 * "Copy or move to another library" for one map of the library view: the target (Local, or a
 * team library the user may write to), Copy or Move, what is happening meanwhile, and a notice
 * with the result. The map goes with its versions, comments and pain points (transfer.ts).
 */
import { useState } from 'react';
import { roleAtLeast } from '../../shared/team/protocol';
import type { MapSummary } from '../../shared/model/types';
import { Dialog } from '../components/Dialog';
import { useT } from '../i18n';
import { clause, failureReason } from '../i18n/errors';
import { notify } from '../store/notices';
import { LOCAL, type LibraryId } from './teamApi';
import { libraryName, useTeam } from './teamState';
import { transferMap, type TransferStep } from './transfer';

export function TransferDialog({ map, from, onDone }: { map: MapSummary; from: LibraryId; onDone(changed: boolean): void }) {
  const t = useT();
  const servers = useTeam((s) => s.servers) ?? [];
  const nameOf = (id: LibraryId) => (id === LOCAL ? t('team.library.local') : libraryName(servers.find((s) => s.id === id)));
  const targets: LibraryId[] = [
    ...(from === LOCAL ? [] : [LOCAL]),
    ...servers.filter((s) => s.id !== from && s.state === 'signed-in' && s.user && roleAtLeast(s.user.role, 'editor')).map((s) => s.id),
  ];
  const [target, setTarget] = useState<LibraryId>(targets[0] ?? '');
  const [step, setStep] = useState<TransferStep | null>(null);

  const go = async (how: 'copy' | 'move') => {
    if (!target || step) return;
    const library = nameOf(target);
    try {
      const r = await transferMap(map.id, from, target, how, setStep);
      if (r.notice) notify.info(r.notice);
      if (r.deleteFailed) notify.error(t('team.library.moveKept', { library, title: map.title, reason: clause(failureReason(r.deleteFailed)) }));
      else notify.info(t(how === 'copy' ? 'team.library.copied' : 'team.library.moved', { title: map.title, library }));
      onDone(how === 'move');
    } catch (e) {
      notify.error(t('team.library.failed', { title: map.title, library, reason: failureReason(e) }));
      setStep(null);
    }
  };

  return (
    <Dialog title={t('team.library.transferTitle', { title: map.title })} onCancel={() => !step && onDone(false)}>
      {targets.length === 0 ? (
        <p>{t('team.library.noTarget')}</p>
      ) : (
        <>
          <label className="field">
            <span>{t('team.library.target')}</span>
            <select value={target} disabled={step !== null} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((id) => (
                <option key={id} value={id} translate="no">
                  {nameOf(id)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted">{t('team.library.transferHint')}</p>
          {step && (
            <p className="transfer-progress" role="status">
              <span className="spinner" aria-hidden /> {step === 'storing' ? t('team.library.storing', { library: nameOf(target) }) : t(`team.library.${step}`)}
            </p>
          )}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => onDone(false)} disabled={step !== null}>
          {t('common.cancel')}
        </button>
        {targets.length > 0 && (
          <>
            <button type="button" disabled={step !== null} onClick={() => void go('move')}>
              {t('team.library.move')}
            </button>
            <button type="button" className="primary" disabled={step !== null} onClick={() => void go('copy')}>
              {t('team.library.copy')}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}

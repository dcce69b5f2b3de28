/**
 * The BPMN import's dialogs (bpmnImport.ts): "Reading …" while the backend reads a file (shown
 * after half a second, so a small file does not flash it), then the summary: the maps added,
 * what became what, what could not be kept and why (in the interface's language), "Open map".
 */
import { useEffect, useState } from 'react';
import { describeSummary } from '../../shared/interop/bpmn/summaryText';
import { Dialog } from '../components/Dialog';
import { useLanguage, useT } from '../i18n';
import { closeBpmnSummary, useBpmnImport } from './bpmnImport';
import './bpmnImport.css';

export function BpmnImportDialogs({ onOpen }: { onOpen(id: string): void }) {
  const reading = useBpmnImport((s) => s.reading);
  const result = useBpmnImport((s) => s.result);
  if (reading) return <ReadingDialog name={reading} />;
  if (result) return <SummaryDialog onOpen={onOpen} />;
  return null;
}

function ReadingDialog({ name }: { name: string }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(true), 500);
    return () => window.clearTimeout(timer);
  }, []);
  if (!shown) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog bpmn-reading" role="dialog" aria-modal="true" aria-label={t('bpmn.reading', { name })}>
        <div role="status" className="bpmn-reading-status">
          <span className="bpmn-spinner" aria-hidden />
          <span>
            {t('bpmn.reading', { name })}
            <span className="muted bpmn-reading-hint">{t('bpmn.readingHint')}</span>
          </span>
        </div>
        <progress aria-label={t('bpmn.reading', { name })} />
      </div>
    </div>
  );
}

function SummaryDialog({ onOpen }: { onOpen(id: string): void }) {
  const t = useT();
  const language = useLanguage();
  const result = useBpmnImport((s) => s.result)!;
  const { kept, changed, lost } = describeSummary(result.summary, language);
  const more = result.maps.length - 1;
  const open = () => {
    closeBpmnSummary();
    onOpen(result.map.id);
  };
  return (
    <Dialog title={t('bpmn.summaryTitle')} onCancel={closeBpmnSummary}>
      <div className="bpmn-summary">
        <p>{more > 0 ? t('bpmn.addedMore', { title: result.map.title, count: more }) : t('bpmn.added', { title: result.map.title })}</p>
        {more > 0 && (
          <ul className="bpmn-summary-maps" translate="no">
            {result.maps.slice(1).map((m) => (
              <li key={m.id}>{m.title}</li>
            ))}
          </ul>
        )}
        {kept.length > 0 && (
          <section aria-label={t('bpmn.kept')}>
            <h3>{t('bpmn.kept')}</h3>
            <ul className="bpmn-summary-list">
              {kept.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </section>
        )}
        {changed.length > 0 && (
          <section aria-label={t('bpmn.changed')}>
            <h3>{t('bpmn.changed')}</h3>
            <ul className="bpmn-summary-list bpmn-summary-changed">
              {changed.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </section>
        )}
        <section aria-label={t('bpmn.lost')}>
          <h3>{t('bpmn.lost')}</h3>
          {lost.length ? (
            <ul className="bpmn-summary-list bpmn-summary-lost">
              {lost.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t(changed.length ? 'bpmn.nothingLeftOut' : 'bpmn.nothingLost')}</p>
          )}
        </section>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={closeBpmnSummary}>
          {t('bpmn.close')}
        </button>
        <button type="button" className="primary" data-autofocus onClick={open}>
          {t('bpmn.open')}
        </button>
      </div>
    </Dialog>
  );
}

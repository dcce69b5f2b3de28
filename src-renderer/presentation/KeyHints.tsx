/**
 * The keys, small along the bottom of the map: shown when the presentation starts, faded out
 * after a few seconds so they do not distract the room; `?` shows them again.
 */
import { useEffect, useState } from 'react';
import { useT } from '../i18n';

const SHOW_MS = 6000;

export function KeyHints({ showSeq }: { showSeq: number }) {
  const t = useT();
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    setVisible(true);
    const timer = window.setTimeout(() => setVisible(false), SHOW_MS);
    return () => window.clearTimeout(timer);
  }, [showSeq]);
  const k = (key: 'space' | 'home' | 'esc' | 'tab') => t(`presentation.keys.${key}`);
  const hints: [string, string][] = [
    [`→ ${k('space')}`, t('presentation.hints.next')],
    ['←', t('presentation.hints.back')],
    ['1–9', t('presentation.hints.choose')],
    [`O ${k('tab')}`, t('presentation.hints.overview')],
    ['N', t('presentation.hints.notShown')],
    [k('home'), t('presentation.hints.first')],
    ['C', t('presentation.hints.comment')],
    ['S', t('swotView.present.hint')],
    ['?', t('presentation.hints.keys')],
    [k('esc'), t('presentation.hints.leave')],
  ];
  return (
    <div className={`pres-hints${visible ? '' : ' is-faded'}`} aria-hidden={!visible}>
      {hints.map(([keys, what]) => (
        <span key={what} className="pres-hint">
          <kbd className="pres-kbd">{keys}</kbd> {what}
        </span>
      ))}
    </div>
  );
}

/** The toolbar's "Present" button (F5): the open map in presentation mode. */
import { Presentation as PresentationIcon } from 'lucide-react';
import { useT } from '../i18n';
import { startPresentation } from './PresentationHost';

export function PresentButton() {
  const t = useT();
  const label = t('presentation.present');
  return (
    <button
      type="button"
      className="tool-button pres-button"
      aria-label={label}
      title={t('toolbar.withShortcut', { label, shortcut: 'F5' })}
      onClick={() => startPresentation()}
    >
      <PresentationIcon size={17} aria-hidden />
      <span>{label}</span>
    </button>
  );
}

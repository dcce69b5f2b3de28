/** The slim top bar of an open map. */
import { useReactFlow } from '@xyflow/react';
import {
  Download,
  WandSparkles,
  ArrowDownFromLine,
  ArrowRightFromLine,
  ArrowLeft,
  Circle,
  CircleDot,
  Diamond,
  DiamondPlus,
  HelpCircle,
  ListChecks,
  Maximize,
  PanelLeft,
  PanelRight,
  Plus,
  Redo2,
  Square,
  SquarePlus,
  Undo2,
  ZoomIn,
  ZoomOut,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { cmd } from '../../shared/model/commands';
import { LIMITS, type StepKind } from '../../shared/model/types';
import { CommitField } from '../components/CommitField';
import { t as translate, useT } from '../i18n';
import { SettingsButton } from '../settings/SettingsDialog';
import { useEditor, useEditorStore } from '../store/context';
import { addNextStep, addStep, fitMap } from './actions';
import { tidyUp, useTidyState } from '../layout/tidyUp';
import { StatusChip } from '../review/StatusChip';
import { TeamPresence } from '../team/TeamPresence';
import { PresentButton } from '../presentation/PresentButton';
import { useFindingCount } from '../analysis/CheckPanel';
import { useReviewUi } from '../review/reviewUi';
import { formatNumber } from '../i18n';
import { NoteButton } from '../notes/NoteButton';
import { ArrangeButton } from './contextMenu/ArrangeMenu';
import { EventIcon } from '../canvas/kinds/KindMarks';
import { KIND_KEYS } from '../canvas/kinds/kindKeys';

const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

function ToolButton({
  label,
  shortcut,
  onClick,
  disabled,
  children,
  pressed,
}: {
  label: string;
  shortcut?: string;
  onClick(): void;
  disabled?: boolean;
  children: ReactNode;
  pressed?: boolean;
}) {
  return (
    <button
      className="tool-button"
      aria-label={label}
      title={shortcut ? translate('toolbar.withShortcut', { label, shortcut }) : label}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
    >
      {children}
    </button>
  );
}

type KindLabel =
  'toolbar.addStart' | 'toolbar.addTask' | 'hierarchy.addSubprocess' | 'toolbar.addDecision' | 'kinds.addParallel' | 'kinds.addEvent' | 'toolbar.addEnd';
const KINDS: [StepKind, KindLabel, ReactNode][] = [
  ['start', 'toolbar.addStart', <Circle size={17} key="s" />],
  ['task', 'toolbar.addTask', <Square size={17} key="t" />],
  ['subprocess', 'hierarchy.addSubprocess', <SquarePlus size={17} key="p" />],
  ['decision', 'toolbar.addDecision', <Diamond size={17} key="d" />],
  ['parallel', 'kinds.addParallel', <DiamondPlus size={17} key="g" />],
  ['event', 'kinds.addEvent', <EventIcon key="v" />],
  ['end', 'toolbar.addEnd', <CircleDot size={17} key="e" />],
];

interface Props {
  onClose(): void;
  onHelp(): void;
  onExport(): void;
  showRoles: boolean;
  onToggleRoles(): void;
  showInspector: boolean;
  onToggleInspector(): void;
}

export function Toolbar(p: Props) {
  const t = useT();
  const store = useEditorStore();
  const flow = useReactFlow();
  const title = useEditor((s) => s.doc?.title ?? '');
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const oneSelected = useEditor((s) => s.selection.steps.length === 1);
  const saving = useEditor((s) => s.pendingWrites > 0);
  const tidying = useTidyState((s) => s.running);
  const down = useEditor((s) => s.doc?.direction === 'down');
  // a saved version on screen (review/VersionsPanel.tsx): nothing here may change it
  const readOnly = useEditor((s) => s.viewing !== null || s.readOnly !== null);

  return (
    <header className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <ToolButton label={t('editor.backToLibrary')} onClick={p.onClose}>
        <ArrowLeft size={17} />
      </ToolButton>
      <fieldset className="read-only-fence" disabled={readOnly}>
        <CommitField
          className="map-title-input"
          label={t('toolbar.mapTitle')}
          value={title}
          required
          maxLength={LIMITS.mapTitle}
          onCommit={(t) => store.getState().run(cmd('renameMap', { title: t.trim() }), { coalesceKey: 'map:title' })}
        />
      </fieldset>
      <span className="save-state muted" aria-live="polite">
        {saving ? t('toolbar.saving') : t('toolbar.saved')}
      </span>
      <StatusChip />
      <TeamPresence />
      <div className="toolbar-group">
        <ToolButton label={t('toolbar.showLanes')} pressed={p.showRoles} onClick={p.onToggleRoles}>
          <PanelLeft size={17} />
        </ToolButton>
        {KINDS.map(([kind, label, icon]) => (
          <ToolButton key={kind} label={t(label)} shortcut={KIND_KEYS[kind]} disabled={readOnly} onClick={() => addStep(store, flow, kind)}>
            {icon}
          </ToolButton>
        ))}
        <ToolButton label={t('toolbar.addNext')} shortcut={`${mod}+Enter`} disabled={!oneSelected || readOnly} onClick={() => addNextStep(store, flow)}>
          <Plus size={17} />
        </ToolButton>
        <NoteButton />
      </div>
      <div className="toolbar-group">
        <ToolButton label={t('toolbar.tidyUp')} shortcut={`${mod}+Shift+L`} disabled={tidying || readOnly} onClick={() => void tidyUp(store)}>
          <WandSparkles size={17} />
        </ToolButton>
        <ToolButton
          label={down ? t('toolbar.layOutRight') : t('toolbar.layOutDown')}
          disabled={tidying || readOnly}
          onClick={() => void tidyUp(store, down ? 'right' : 'down')}
        >
          {down ? <ArrowRightFromLine size={17} /> : <ArrowDownFromLine size={17} />}
        </ToolButton>
        <ArrangeButton />
      </div>
      <div className="toolbar-group">
        <ToolButton label={t('toolbar.undo')} shortcut={`${mod}+Z`} disabled={!canUndo || readOnly} onClick={() => store.getState().undo()}>
          <Undo2 size={17} />
        </ToolButton>
        <ToolButton label={t('toolbar.redo')} shortcut={`${mod}+Shift+Z`} disabled={!canRedo || readOnly} onClick={() => store.getState().redo()}>
          <Redo2 size={17} />
        </ToolButton>
      </div>
      <div className="toolbar-group">
        <ToolButton label={t('toolbar.zoomOut')} shortcut="-" onClick={() => void flow.zoomOut({ duration: 150 })}>
          <ZoomOut size={17} />
        </ToolButton>
        <ToolButton label={t('toolbar.zoomIn')} shortcut="+" onClick={() => void flow.zoomIn({ duration: 150 })}>
          <ZoomIn size={17} />
        </ToolButton>
        <ToolButton label={t('toolbar.fit')} shortcut="0" onClick={() => fitMap(flow, store)}>
          <Maximize size={17} />
        </ToolButton>
      </div>
      <div className="toolbar-group">
        <ToolButton label={t('toolbar.export')} shortcut={`${mod}+E`} onClick={p.onExport}>
          <Download size={17} />
        </ToolButton>
      </div>
      <div className="toolbar-group">
        <CheckButton />
        <PresentButton />
      </div>
      <div className="toolbar-group toolbar-end">
        <ToolButton label={t('toolbar.shortcuts')} shortcut="?" onClick={p.onHelp}>
          <HelpCircle size={17} />
        </ToolButton>
        <SettingsButton className="tool-button" />
        <ToolButton label={t('toolbar.showInspector')} pressed={p.showInspector} onClick={p.onToggleInspector}>
          <PanelRight size={17} />
        </ToolButton>
      </div>
    </header>
  );
}

/** Opens the Check tab; its badge counts the map's open problems and warnings. */
function CheckButton() {
  const t = useT();
  const count = useFindingCount();
  const label = count > 0 ? `${t('check.toolbar')}: ${t('check.count', { count })}` : t('check.toolbar');
  return (
    <button type="button" className="tool-button check-button" aria-label={label} title={label} onClick={() => useReviewUi.getState().showTab('check')}>
      <ListChecks size={17} aria-hidden />
      {count > 0 && (
        <span className="tool-badge" aria-hidden>
          {formatNumber(count)}
        </span>
      )}
    </button>
  );
}

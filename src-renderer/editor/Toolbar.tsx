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
  HelpCircle,
  Maximize,
  PanelLeft,
  PanelRight,
  Plus,
  Redo2,
  Square,
  Undo2,
  ZoomIn,
  ZoomOut,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { cmd } from '../../shared/model/commands';
import { LIMITS, type StepKind } from '../../shared/model/types';
import { CommitField } from '../components/CommitField';
import { useEditor, useEditorStore } from '../store/context';
import { addNextStep, addStep, fitMap } from './actions';
import { tidyUp, useTidyState } from '../layout/tidyUp';

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
      title={shortcut ? `${label} (${shortcut})` : label}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
    >
      {children}
    </button>
  );
}

const KINDS: [StepKind, string, ReactNode][] = [
  ['start', 'Add start', <Circle size={17} key="s" />],
  ['task', 'Add task', <Square size={17} key="t" />],
  ['decision', 'Add decision', <Diamond size={17} key="d" />],
  ['end', 'Add end', <CircleDot size={17} key="e" />],
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
  const store = useEditorStore();
  const flow = useReactFlow();
  const title = useEditor((s) => s.doc?.title ?? '');
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const oneSelected = useEditor((s) => s.selection.steps.length === 1);
  const saving = useEditor((s) => s.pendingWrites > 0);
  const tidying = useTidyState((s) => s.running);
  const down = useEditor((s) => s.doc?.direction === 'down');

  return (
    <header className="toolbar" role="toolbar" aria-label="Map tools">
      <ToolButton label="Back to the library" onClick={p.onClose}>
        <ArrowLeft size={17} />
      </ToolButton>
      <CommitField
        className="map-title-input"
        label="Map title"
        value={title}
        required
        maxLength={LIMITS.mapTitle}
        onCommit={(t) => store.getState().run(cmd('renameMap', { title: t.trim() }), { coalesceKey: 'map:title' })}
      />
      <span className="save-state muted" aria-live="polite">
        {saving ? 'Saving…' : 'Saved'}
      </span>
      <div className="toolbar-group">
        <ToolButton label="Show lanes panel" pressed={p.showRoles} onClick={p.onToggleRoles}>
          <PanelLeft size={17} />
        </ToolButton>
        {KINDS.map(([kind, label, icon]) => (
          <ToolButton key={kind} label={label} onClick={() => addStep(store, flow, kind)}>
            {icon}
          </ToolButton>
        ))}
        <ToolButton label="Add next step" shortcut={`${mod}+Enter`} disabled={!oneSelected} onClick={() => addNextStep(store, flow)}>
          <Plus size={17} />
        </ToolButton>
      </div>
      <div className="toolbar-group">
        <ToolButton label="Tidy up" shortcut={`${mod}+Shift+L`} disabled={tidying} onClick={() => void tidyUp(store)}>
          <WandSparkles size={17} />
        </ToolButton>
        <ToolButton
          label={down ? 'Lay out left to right' : 'Lay out top to bottom'}
          disabled={tidying}
          onClick={() => void tidyUp(store, down ? 'right' : 'down')}
        >
          {down ? <ArrowRightFromLine size={17} /> : <ArrowDownFromLine size={17} />}
        </ToolButton>
      </div>
      <div className="toolbar-group">
        <ToolButton label="Undo" shortcut={`${mod}+Z`} disabled={!canUndo} onClick={() => store.getState().undo()}>
          <Undo2 size={17} />
        </ToolButton>
        <ToolButton label="Redo" shortcut={`${mod}+Shift+Z`} disabled={!canRedo} onClick={() => store.getState().redo()}>
          <Redo2 size={17} />
        </ToolButton>
      </div>
      <div className="toolbar-group">
        <ToolButton label="Zoom out" shortcut="-" onClick={() => void flow.zoomOut({ duration: 150 })}>
          <ZoomOut size={17} />
        </ToolButton>
        <ToolButton label="Zoom in" shortcut="+" onClick={() => void flow.zoomIn({ duration: 150 })}>
          <ZoomIn size={17} />
        </ToolButton>
        <ToolButton label="Fit map to window" shortcut="0" onClick={() => fitMap(flow, store)}>
          <Maximize size={17} />
        </ToolButton>
      </div>
      <div className="toolbar-group">
        <ToolButton label="Export" shortcut={`${mod}+E`} onClick={p.onExport}>
          <Download size={17} />
        </ToolButton>
      </div>
      <div className="toolbar-group toolbar-end">
        <ToolButton label="Keyboard shortcuts" shortcut="?" onClick={p.onHelp}>
          <HelpCircle size={17} />
        </ToolButton>
        <ToolButton label="Show inspector" pressed={p.showInspector} onClick={p.onToggleInspector}>
          <PanelRight size={17} />
        </ToolButton>
      </div>
    </header>
  );
}

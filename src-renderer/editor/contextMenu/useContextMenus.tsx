/**
 * The canvas's context menus (issue 13): on a step, a flow, a lane, a phase and the empty canvas.
 * Opened by a right-click, or from the keyboard with Shift+F10 or the menu key (the selected
 * step's or flow's menu, else the canvas's, placed at the selection). Closed by a click outside,
 * a scroll or zoom, Escape (which gives the focus back) or running an item. Also here: the keys
 * that go with the menus' items and are nobody else's (Ctrl+A, Alt+Shift+letter to arrange).
 *
 * MapCanvas wires it in: `const menus = useContextMenus()`, `{...menus.handlers}` on React Flow
 * and `{menus.element}` inside it.
 */
import { useReactFlow, useStoreApi, type Edge, type Node } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { cmd } from '../../../shared/model/commands';
import { frameSize } from '../../../shared/model/geometry';
import { LIMITS } from '../../../shared/model/types';
import { geometryOf, isDown, toScreen } from '../../canvas/frame';
import { isBackdrop } from '../../canvas/nodes';
import { PromptDialog } from '../../components/Dialog';
import { useNavigation } from '../../hierarchy/navigation';
import { t, useT } from '../../i18n';
import { RemoveRoleDialog } from '../../panels/RolesPanel';
import { usePresentation } from '../../presentation/presentationState';
import { useEditor, useEditorStore } from '../../store/context';
import type { EditorStore } from '../../store/editorStore';
import { arrangeSelection, ALIGNS, DISTRIBUTES, type ArrangeOp } from '../arrange';
import { useLastLaneTracking } from '../lastLane';
import { ALIGN_KEYS, DISTRIBUTE_KEYS, menuItems, menuLabel, type MenuDialog, type MenuTarget } from './items';
import { PopupMenu } from './Menu';
import { paneTargetAt, selectAll } from './menuActions';

interface OpenMenu {
  target: MenuTarget;
  at: { x: number; y: number };
  /** What had the focus, given back on Escape. */
  returnTo: Element | null;
  /** Opened from the keyboard: the first item takes the focus. */
  keyboard: boolean;
}

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password']);
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el instanceof HTMLInputElement && TEXT_INPUTS.has(el.type);
}

/** The map is on screen (not covered by another view, no dialog over it). */
function canvasInFront(): boolean {
  return !document.querySelector('[role="dialog"]') && !document.querySelector('.map-layer[aria-hidden="true"]') && !!document.querySelector('.react-flow');
}

/** A saved version on screen, or the map being presented: the menus offer nothing that edits. */
export function useMenusReadOnly(): boolean {
  const viewing = useEditor((s) => s.viewing !== null || s.readOnly !== null);
  const presenting = usePresentation((s) => s.active);
  return viewing || presenting;
}

/** Where the selection is on screen: the middle of the step's (or flow's) drawing. */
function selectionPoint(store: EditorStore, flow: ReturnType<typeof useReactFlow>, target: MenuTarget): { x: number; y: number } {
  const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
  const middle = (r: DOMRect) => ({ x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) });
  const doc = store.getState().doc!;
  if (target.kind === 'step') {
    const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(target.stepId)}"]`);
    if (el) return middle(el.getBoundingClientRect());
    const pos = geometryOf(doc).positions.get(target.stepId);
    const step = doc.steps[target.stepId];
    if (pos && step) {
      const size = frameSize(doc.direction)(step);
      return flow.flowToScreenPosition(toScreen(isDown(doc), { x: pos.x + size.width / 2, y: pos.y + size.height / 2 }));
    }
  }
  if (target.kind === 'flow') {
    const el = document.querySelector(`.react-flow__edge[data-id="${CSS.escape(target.flowId)}"] path`);
    if (el) return middle(el.getBoundingClientRect());
  }
  return middle(pane);
}

export function useContextMenus(): {
  handlers: {
    onNodeContextMenu(e: ReactMouseEvent, node: Node): void;
    onEdgeContextMenu(e: ReactMouseEvent, edge: Edge): void;
    onPaneContextMenu(e: ReactMouseEvent | MouseEvent): void;
    onSelectionContextMenu(e: ReactMouseEvent, nodes: Node[]): void;
  };
  element: ReactNode;
} {
  const store = useEditorStore();
  const flow = useReactFlow();
  const rf = useStoreApi();
  const navigation = useNavigation();
  const readOnly = useMenusReadOnly();
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const [dialog, setDialog] = useState<MenuDialog | null>(null);
  useLastLaneTracking(store);
  const menuRef = useRef(menu);
  menuRef.current = menu;

  const open = useCallback((target: MenuTarget, at: { x: number; y: number }, keyboard: boolean) => {
    setMenu({ target, at, returnTo: document.activeElement, keyboard });
  }, []);

  const close = useCallback((restore: boolean) => {
    const current = menuRef.current;
    setMenu(null);
    if (restore && current) {
      const back = current.returnTo instanceof HTMLElement && current.returnTo.isConnected && current.returnTo !== document.body ? current.returnTo : null;
      const fallback =
        current.target.kind === 'step' ? document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(current.target.stepId)}"]`) : null;
      (back ?? fallback)?.focus({ preventScroll: true });
    }
  }, []);

  // --- opening with the mouse
  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: Node) => {
      e.preventDefault();
      if (node.type !== 'step' || isBackdrop(node.id)) return void open(paneOrCanvas(e), { x: e.clientX, y: e.clientY }, false);
      const { selection } = store.getState();
      // like draw.io: a step outside the selection is selected first; one in it keeps the selection
      if (!selection.steps.includes(node.id)) store.getState().select({ steps: [node.id], flows: [] });
      open({ kind: 'step', stepId: node.id }, { x: e.clientX, y: e.clientY }, false);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, open],
  );
  const onEdgeContextMenu = useCallback(
    (e: ReactMouseEvent, edge: Edge) => {
      e.preventDefault();
      const { selection } = store.getState();
      if (!selection.flows.includes(edge.id)) store.getState().select({ steps: [], flows: [edge.id] });
      open({ kind: 'flow', flowId: edge.id }, { x: e.clientX, y: e.clientY }, false);
    },
    [store, open],
  );
  function paneOrCanvas(e: { clientX: number; clientY: number }): MenuTarget {
    const doc = store.getState().doc!;
    const hit = paneTargetAt(doc, flow, { x: e.clientX, y: e.clientY });
    return hit.kind === 'lane' ? { kind: 'lane', roleId: hit.roleId } : hit.kind === 'phase' ? { kind: 'phase', phaseId: hit.phaseId } : { kind: 'canvas' };
  }
  const onPaneContextMenu = useCallback(
    (e: ReactMouseEvent | MouseEvent) => {
      e.preventDefault();
      open(paneOrCanvas(e), { x: e.clientX, y: e.clientY }, false);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, flow, open],
  );
  const onSelectionContextMenu = useCallback(
    (e: ReactMouseEvent, nodes: Node[]) => {
      e.preventDefault();
      const step = nodes.find((n) => n.type === 'step' && !isBackdrop(n.id));
      open(step ? { kind: 'step', stepId: step.id } : { kind: 'canvas' }, { x: e.clientX, y: e.clientY }, false);
    },
    [open],
  );

  // --- the keyboard: Shift+F10 and the menu key; Ctrl+A; Alt+Shift+letter arranges
  useEffect(() => {
    const alignByCode = new Map<string, ArrangeOp>([
      ...ALIGNS.map((a) => [`Key${ALIGN_KEYS[a]}`, { align: a }] as [string, ArrangeOp]),
      ...DISTRIBUTES.map((d) => [`Key${DISTRIBUTE_KEYS[d]}`, { distribute: d }] as [string, ArrangeOp]),
    ]);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || menuRef.current || !canvasInFront() || isTyping(e.target)) return;
      if (e.target instanceof Element && e.target.closest('[data-own-keys]')) return;
      const mod = e.ctrlKey || e.metaKey;
      if ((e.key === 'F10' && e.shiftKey && !mod && !e.altKey) || e.key === 'ContextMenu') {
        e.preventDefault();
        const { selection } = store.getState();
        const target: MenuTarget = selection.steps.length
          ? { kind: 'step', stepId: selection.steps[selection.steps.length - 1]! }
          : selection.flows.length
            ? { kind: 'flow', flowId: selection.flows[selection.flows.length - 1]! }
            : { kind: 'canvas' };
        open(target, selectionPoint(store, flow, target), true);
        return;
      }
      if (mod && !e.shiftKey && !e.altKey && e.code === 'KeyA') {
        e.preventDefault();
        selectAll(store);
        return;
      }
      const op = e.altKey && e.shiftKey && !mod ? alignByCode.get(e.code) : undefined;
      if (op) {
        e.preventDefault();
        if (!store.getState().viewing && !usePresentation.getState().active) arrangeSelection(store, op);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, flow, open]);

  // --- closing: a press outside, the view moving, the window losing focus or resizing
  useEffect(() => {
    if (!menu) return;
    const outside = (e: Event) => {
      if (e.target instanceof Element && e.target.closest('.context-menu')) return;
      close(false);
    };
    const dismiss = () => close(false);
    const start = rf.getState().transform;
    const unsubscribe = rf.subscribe((s) => {
      if (s.transform[0] !== start[0] || s.transform[1] !== start[1] || s.transform[2] !== start[2]) close(false);
    });
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('wheel', outside, { capture: true, passive: true });
    window.addEventListener('resize', dismiss);
    window.addEventListener('blur', dismiss);
    return () => {
      unsubscribe();
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('wheel', outside, { capture: true });
      window.removeEventListener('resize', dismiss);
      window.removeEventListener('blur', dismiss);
    };
  }, [menu, close, rf]);

  const doc = useEditor((s) => s.doc);
  // the menu's items follow the map (a lane renamed elsewhere...) while it is open
  const items = useMemo(
    () => (menu && doc ? menuItems({ store, flow, navigation, readOnly, point: menu.at, openDialog: setDialog }, menu.target) : []),
    [menu, doc, store, flow, navigation, readOnly],
  );
  const selected = useEditor((s) => s.selection.steps.length);
  const element = (
    <>
      {menu && doc && items.length > 0 && (
        <PopupMenu
          key={`${menu.target.kind}:${menu.at.x},${menu.at.y}`}
          items={items}
          label={menuLabel(doc, menu.target, selected)}
          anchor={menu.at}
          className={`context-menu-${menu.target.kind}`}
          autoFocus={menu.keyboard}
          onDone={close}
        />
      )}
      {dialog && createPortal(<MenuDialogView dialog={dialog} onDone={() => setDialog(null)} />, document.body)}
    </>
  );
  return { handlers: { onNodeContextMenu, onEdgeContextMenu, onPaneContextMenu, onSelectionContextMenu }, element };
}

function MenuDialogView({ dialog, onDone }: { dialog: MenuDialog; onDone(): void }) {
  useT();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  if (!doc) return null;
  const run = store.getState().run;
  if (dialog.kind === 'renameLane' || dialog.kind === 'removeLane') {
    const role = doc.roles[dialog.roleId];
    if (!role) return null;
    if (dialog.kind === 'removeLane') {
      const others = Object.values(doc.roles)
        .filter((r) => r.id !== role.id)
        .sort((a, b) => a.order - b.order);
      const count = Object.values(doc.steps).filter((s) => s.roleId === role.id).length;
      return <RemoveRoleDialog role={role} others={others} count={count} onDone={onDone} />;
    }
    return (
      <PromptDialog
        title={t('contextMenu.renameLane', { name: role.name })}
        label={t('contextMenu.newName')}
        initial={role.name}
        maxLength={LIMITS.roleName}
        confirm={t('common.rename')}
        onCancel={onDone}
        onConfirm={(name) => {
          run(cmd('updateRole', { roleId: role.id, name }), { coalesceKey: `role-name:${role.id}` });
          onDone();
        }}
      />
    );
  }
  const phase = doc.phases[dialog.phaseId];
  if (!phase) return null;
  return (
    <PromptDialog
      title={t('contextMenu.renamePhase', { name: phase.name })}
      label={t('contextMenu.newName')}
      initial={phase.name}
      maxLength={LIMITS.roleName}
      confirm={t('common.rename')}
      onCancel={onDone}
      onConfirm={(name) => {
        run(cmd('renamePhase', { phaseId: phase.id, name }), { coalesceKey: `phase-name:${phase.id}` });
        onDone();
      }}
    />
  );
}

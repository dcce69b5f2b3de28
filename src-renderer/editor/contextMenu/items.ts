/**
 * What each context menu holds (step, flow, lane, phase, the empty canvas). Every action is the
 * app's own function (toolbar, panels, inspector, review, clipboard, notes), not a copy.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { TFunction } from 'i18next';
import { cmd } from '../../../shared/model/commands';
import { orderedPhases, orderedRoles } from '../../../shared/model/geometry';
import { newId } from '../../../shared/model/ids';
import { PAIN_KINDS, STEP_KINDS, type MapDoc, type Step } from '../../../shared/model/types';
import type { Navigation } from '../../hierarchy/navigation';
import { t } from '../../i18n';
import { tidyUp } from '../../layout/tidyUp';
import { PALETTE } from '../../panels/RolesPanel';
import { votePain } from '../../review/painPoints';
import { useReviewUi } from '../../review/reviewUi';
import type { EditorStore } from '../../store/editorStore';
import { addNote, makeSameWidth } from '../../notes/actions';
import { addNextStep, deleteSelection, fitMap } from '../actions';
import { ALIGNS, arrangeSelection, DISTRIBUTES, MIN_ALIGN, MIN_DISTRIBUTE } from '../arrange';
import { copySelection, cutSelection, duplicateSelection, pasteClipboard } from '../clipboard';
import { insertStepOnFlow } from '../insert';
import type { MenuEntry } from './Menu';
import { addStepAt, runAll, selectAll, selectWhere } from './menuActions';

export const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
const COLOUR_NAMES = ['blue', 'green', 'orange', 'violet', 'red', 'teal', 'pink', 'brown'] as const;

/** The shortcuts of Align ▸ and Distribute ▸ (physical keys: any keyboard layout). */
export const ALIGN_KEYS = { left: 'L', center: 'C', right: 'R', top: 'T', middle: 'M', bottom: 'B' } as const;
export const DISTRIBUTE_KEYS = { horizontal: 'H', vertical: 'V' } as const;

export type MenuTarget =
  | { kind: 'step'; stepId: string }
  | { kind: 'flow'; flowId: string }
  | { kind: 'lane'; roleId: string }
  | { kind: 'phase'; phaseId: string }
  | { kind: 'canvas' };

export type MenuDialog = { kind: 'renameLane'; roleId: string } | { kind: 'renamePhase'; phaseId: string } | { kind: 'removeLane'; roleId: string };

export interface MenuContext {
  store: EditorStore;
  flow: ReactFlowInstance;
  navigation: Navigation;
  readOnly: boolean;
  /** Where the menu was asked for, on screen ("here"). */
  point: { x: number; y: number };
  openDialog(d: MenuDialog): void;
}

/** The title of a menu, for its accessible name. */
export function menuLabel(doc: MapDoc, target: MenuTarget, selected: number): string {
  switch (target.kind) {
    case 'step':
      return selected > 1 ? t('contextMenu.label.steps', { count: selected }) : t('contextMenu.label.step');
    case 'flow':
      return t('contextMenu.label.flow');
    case 'lane':
      return t('contextMenu.label.lane', { name: doc.roles[target.roleId]?.name ?? '' });
    case 'phase':
      return t('contextMenu.label.phase', { name: doc.phases[target.phaseId]?.name ?? '' });
    default:
      return t('contextMenu.label.canvas');
  }
}

/** Align ▸, Distribute ▸ and Same width for the selected steps (also the toolbar's Arrange menu). */
export function arrangeEntries(store: EditorStore, count: number, readOnly: boolean): MenuEntry[] {
  const why = readOnly ? t('contextMenu.why.readOnly') : undefined;
  const alignWhy = why ?? (count < MIN_ALIGN ? t('contextMenu.why.needTwo') : undefined);
  const spreadWhy = why ?? (count < MIN_DISTRIBUTE ? t('contextMenu.why.needThree') : undefined);
  return [
    {
      id: 'align',
      label: t('contextMenu.align'),
      disabled: !!alignWhy,
      why: alignWhy,
      submenu: ALIGNS.map((a) => ({
        id: `align-${a}`,
        label: t(`contextMenu.aligns.${a}`),
        shortcut: `Alt+Shift+${ALIGN_KEYS[a]}`,
        run: () => arrangeSelection(store, { align: a }),
      })),
    },
    {
      id: 'distribute',
      label: t('contextMenu.distribute'),
      disabled: !!spreadWhy,
      why: spreadWhy,
      submenu: DISTRIBUTES.map((d) => ({
        id: `distribute-${d}`,
        label: t(`contextMenu.distributes.${d}`),
        shortcut: `Alt+Shift+${DISTRIBUTE_KEYS[d]}`,
        run: () => arrangeSelection(store, { distribute: d }),
      })),
    },
    { id: 'same-width', label: t('contextMenu.sameWidth'), disabled: !!alignWhy, why: alignWhy, run: () => makeSameWidth(store) },
  ];
}

const steps = (doc: MapDoc, ids: string[]) => ids.map((id) => doc.steps[id]).filter((s): s is Step => !!s);

function stepItems(c: MenuContext, doc: MapDoc, stepId: string): MenuEntry[] {
  const { store, flow, readOnly } = c;
  const selection = store.getState().selection;
  const chosen = steps(doc, selection.steps.includes(stepId) ? selection.steps : [stepId]);
  const step = doc.steps[stepId]!;
  const one = chosen.length === 1;
  const ids = chosen.map((s) => s.id);
  const open = step.kind === 'subprocess' && step.linkedMapId ? step.linkedMapId : null;
  const openItem: MenuEntry[] = open ? [{ id: 'open-subprocess', label: t('contextMenu.openSubprocess'), run: () => c.navigation.openMap(open, 'down') }] : [];
  if (readOnly) return [{ id: 'copy', label: t('contextMenu.copy'), shortcut: `${MOD}+C`, run: () => void copySelection(store) }, ...openItem];
  const all = (value: (s: Step) => boolean) => chosen.every(value);
  const items: MenuEntry[] = [
    {
      id: 'insert-next',
      label: t('contextMenu.insertNext'),
      shortcut: `${MOD}+Enter`,
      disabled: !one,
      why: t('contextMenu.why.needOne'),
      run: () => addNextStep(store, flow, 'task'),
    },
    {
      id: 'add-branch',
      label: t('contextMenu.addBranch'),
      shortcut: `Alt+${MOD}+Enter`,
      disabled: !one,
      why: t('contextMenu.why.needOne'),
      run: () => addNextStep(store, flow, 'task', { branch: true }),
    },
    { id: 'cut', label: t('contextMenu.cut'), shortcut: `${MOD}+X`, separator: true, run: () => void cutSelection(store) },
    { id: 'copy', label: t('contextMenu.copy'), shortcut: `${MOD}+C`, run: () => void copySelection(store) },
    { id: 'paste', label: t('contextMenu.paste'), shortcut: `${MOD}+V`, run: () => void pasteClipboard(store, flow, c.point) },
    { id: 'duplicate', label: t('contextMenu.duplicate'), shortcut: `${MOD}+D`, run: () => duplicateSelection(store, flow) },
    { id: 'delete', label: t('contextMenu.delete'), shortcut: 'Delete', danger: true, run: () => deleteSelection(store) },
    { id: 'delete-keep', label: t('contextMenu.deleteKeep'), shortcut: 'Shift+Delete', danger: true, run: () => deleteSelection(store, { heal: false }) },
    {
      id: 'kind',
      label: t('contextMenu.changeKind'),
      separator: true,
      submenu: STEP_KINDS.map((k) => ({
        id: `kind-${k}`,
        label: t(`common.kinds.${k}`),
        kind: 'radio',
        checked: all((s) => s.kind === k),
        run: () =>
          runAll(
            store,
            chosen.filter((s) => s.kind !== k).map((s) => cmd('updateStep', { stepId: s.id, patch: { kind: k } })),
          ),
      })),
    },
    {
      id: 'lane',
      label: t('contextMenu.moveToLane'),
      submenu: orderedRoles(doc).map((r) => ({
        id: `lane-${r.id}`,
        label: r.name,
        data: true,
        swatch: r.color,
        kind: 'radio',
        checked: all((s) => s.roleId === r.id),
        run: () =>
          runAll(
            store,
            chosen.filter((s) => s.roleId !== r.id).map((s) => cmd('setStepRole', { stepId: s.id, roleId: r.id })),
          ),
      })),
    },
  ];
  const phases = orderedPhases(doc);
  if (phases.length)
    items.push({
      id: 'phase',
      label: t('contextMenu.setPhase'),
      submenu: [
        { id: 'phase-none', label: t('common.noPhase'), kind: 'radio' as const, checked: all((s) => !s.phaseId || !doc.phases[s.phaseId]), phaseId: null },
        ...phases.map((p) => ({
          id: `phase-${p.id}`,
          label: p.name,
          data: true,
          kind: 'radio' as const,
          checked: all((s) => s.phaseId === p.id),
          phaseId: p.id,
        })),
      ].map(({ phaseId, ...e }) => ({
        ...e,
        run: () =>
          runAll(
            store,
            chosen.filter((s) => (s.phaseId ?? null) !== phaseId).map((s) => cmd('setStepPhase', { stepId: s.id, phaseId })),
          ),
      })),
    });
  items.push(
    {
      id: 'comment',
      label: t('contextMenu.comment'),
      separator: true,
      disabled: !one,
      why: t('contextMenu.why.needOne'),
      run: () => {
        store.getState().select({ steps: [stepId], flows: [] });
        useReviewUi.getState().showTab('comments', { focusComposer: true });
      },
    },
    {
      id: 'pain',
      label: t('contextMenu.markPain'),
      disabled: !one,
      why: t('contextMenu.why.needOne'),
      submenu: PAIN_KINDS.map((k) => ({ id: `pain-${k}`, label: t(`painPoints.kinds.${k}`), run: () => votePain(store, stepId, k) })),
    },
    {
      id: 'annotate',
      label: t('contextMenu.addAnnotation'),
      disabled: !one,
      why: t('contextMenu.why.needOne'),
      run: () => addNote(store, flow, { attachTo: stepId }),
    },
    ...openItem,
    {
      id: 'pin',
      label: t('contextMenu.keepInPlace'),
      kind: 'checkbox',
      checked: all((s) => !!s.pinned),
      run: () => {
        const pinned = !all((s) => !!s.pinned);
        runAll(
          store,
          chosen.filter((s) => !!s.pinned !== pinned).map((s) => cmd('updateStep', { stepId: s.id, patch: { pinned } })),
        );
      },
    },
  );
  if (chosen.length > 1) {
    const arrange = arrangeEntries(store, chosen.length, readOnly);
    arrange[0]!.separator = true;
    items.push(...arrange);
  }
  void ids;
  return items;
}

function flowItems(c: MenuContext, doc: MapDoc, flowId: string): MenuEntry[] {
  const { store, flow, readOnly } = c;
  const f = doc.flows[flowId]!;
  if (readOnly) return [];
  const setLabel = (label: string) => store.getState().run(cmd('setFlowLabel', { flowId, label }), { coalesceKey: `flow:${flowId}` });
  const yes = t('inspector.yes');
  const no = t('inspector.no');
  return [
    { id: 'insert-here', label: t('contextMenu.insertHere'), run: () => insertStepOnFlow(store, flow, flowId) },
    {
      id: 'label',
      label: t('contextMenu.flowLabel'),
      submenu: [
        { id: 'label-yes', label: yes, kind: 'radio', checked: f.label === yes, run: () => setLabel(yes) },
        { id: 'label-no', label: no, kind: 'radio', checked: f.label === no, run: () => setLabel(no) },
        { id: 'label-none', label: t('contextMenu.noLabel'), kind: 'radio', checked: f.label === '', run: () => setLabel('') },
        {
          id: 'label-edit',
          label: t('contextMenu.editLabel'),
          separator: true,
          run: () => {
            store.getState().select({ steps: [], flows: [flowId] });
            focusWhenShown('inspector', '#flow-label');
          },
        },
      ],
    },
    {
      id: 'comment',
      label: t('contextMenu.comment'),
      run: () => {
        store.getState().select({ steps: [], flows: [flowId] });
        useReviewUi.getState().showTab('comments', { focusComposer: true });
      },
    },
    {
      id: 'delete',
      label: t('contextMenu.delete'),
      shortcut: 'Delete',
      danger: true,
      separator: true,
      run: () => {
        store.getState().select({ steps: [], flows: [flowId] });
        deleteSelection(store);
      },
    },
  ];
}

/** Shows a side panel tab, then focuses `selector` in it once it is drawn. */
function focusWhenShown(tab: 'inspector', selector: string) {
  useReviewUi.getState().showTab(tab);
  let frames = 60;
  const attempt = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) {
      el.focus();
      if (el instanceof HTMLInputElement) el.select();
    } else if (--frames > 0) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

function laneItems(c: MenuContext, doc: MapDoc, roleId: string): MenuEntry[] {
  const { store, flow, readOnly } = c;
  const role = doc.roles[roleId]!;
  const roles = orderedRoles(doc);
  const index = roles.findIndex((r) => r.id === roleId);
  const down = doc.direction === 'down';
  const select: MenuEntry = { id: 'select-lane', label: t('contextMenu.selectLane'), run: () => selectWhere(store, { roleId }) };
  if (readOnly) return [select];
  const run = store.getState().run;
  return [
    { id: 'add-step', label: t('contextMenu.addStepHere'), run: () => addStepAt(store, flow, 'task', c.point, { roleId }) },
    { id: 'paste', label: t('contextMenu.paste'), shortcut: `${MOD}+V`, run: () => void pasteClipboard(store, flow, c.point) },
    { id: 'add-note', label: t('contextMenu.addNoteHere'), run: () => addNote(store, flow, { at: c.point }) },
    { id: 'rename', label: t('contextMenu.rename'), separator: true, run: () => c.openDialog({ kind: 'renameLane', roleId }) },
    {
      id: 'colour',
      label: t('contextMenu.colour'),
      submenu: PALETTE.map((color, i) => ({
        id: `colour-${i}`,
        label: t(`contextMenu.colours.${COLOUR_NAMES[i]!}`),
        swatch: color,
        kind: 'radio',
        checked: role.color.toLowerCase() === color,
        run: () => run(cmd('updateRole', { roleId, color }), { coalesceKey: `role-color:${roleId}` }),
      })),
    },
    {
      id: 'move-up',
      label: down ? t('contextMenu.moveLeft') : t('contextMenu.moveUp'),
      disabled: index === 0,
      why: t('contextMenu.why.firstLane'),
      run: () => run(cmd('moveRole', { roleId, toIndex: index - 1 })),
    },
    {
      id: 'move-down',
      label: down ? t('contextMenu.moveRight') : t('contextMenu.moveDown'),
      disabled: index === roles.length - 1,
      why: t('contextMenu.why.lastLane'),
      run: () => run(cmd('moveRole', { roleId, toIndex: index + 1 })),
    },
    { ...select, separator: true },
    {
      id: 'add-lane',
      label: down ? t('contextMenu.addLaneRight') : t('contextMenu.addLaneBelow'),
      run: () => {
        const id = newId();
        runAll(store, [
          cmd('addRole', { id, name: t('lanes.newName', { n: roles.length + 1 }), color: PALETTE[roles.length % PALETTE.length]! }),
          cmd('moveRole', { roleId: id, toIndex: index + 1 }),
        ]);
        c.openDialog({ kind: 'renameLane', roleId: id });
      },
    },
    {
      id: 'delete-lane',
      label: t('contextMenu.deleteLane'),
      danger: true,
      run: () => {
        if (Object.values(store.getState().doc!.steps).some((s) => s.roleId === roleId)) c.openDialog({ kind: 'removeLane', roleId });
        else run(cmd('removeRole', { roleId }));
      },
    },
  ];
}

function phaseItems(c: MenuContext, doc: MapDoc, phaseId: string): MenuEntry[] {
  const { store, flow, readOnly } = c;
  const phases = orderedPhases(doc);
  const index = phases.findIndex((p) => p.id === phaseId);
  const down = doc.direction === 'down';
  const select: MenuEntry = { id: 'select-phase', label: t('contextMenu.selectPhase'), run: () => selectWhere(store, { phaseId }) };
  if (readOnly) return [select];
  const run = store.getState().run;
  return [
    { id: 'add-step', label: t('contextMenu.addStepHere'), run: () => addStepAt(store, flow, 'task', c.point, { phaseId }) },
    { id: 'rename', label: t('contextMenu.rename'), separator: true, run: () => c.openDialog({ kind: 'renamePhase', phaseId }) },
    {
      id: 'move-earlier',
      label: down ? t('contextMenu.moveUp') : t('contextMenu.moveLeft'),
      disabled: index === 0,
      why: t('contextMenu.why.firstPhase'),
      run: () => run(cmd('movePhase', { phaseId, toIndex: index - 1 })),
    },
    {
      id: 'move-later',
      label: down ? t('contextMenu.moveDown') : t('contextMenu.moveRight'),
      disabled: index === phases.length - 1,
      why: t('contextMenu.why.lastPhase'),
      run: () => run(cmd('movePhase', { phaseId, toIndex: index + 1 })),
    },
    { ...select, separator: true },
    { id: 'delete-phase', label: t('contextMenu.deletePhase'), danger: true, run: () => run(cmd('removePhase', { phaseId })) },
  ];
}

function canvasItems(c: MenuContext): MenuEntry[] {
  const { store, flow, readOnly } = c;
  const view: MenuEntry[] = [
    { id: 'select-all', label: t('contextMenu.selectAll'), shortcut: `${MOD}+A`, separator: !readOnly, run: () => selectAll(store) },
    ...(readOnly ? [] : [{ id: 'tidy-up', label: t('contextMenu.tidyUp'), shortcut: `${MOD}+Shift+L`, run: () => void tidyUp(store) }]),
    { id: 'fit', label: t('contextMenu.fit'), shortcut: '0', run: () => fitMap(flow, store) },
  ];
  if (readOnly) return view;
  return [
    {
      id: 'add-step',
      label: t('contextMenu.addStepHere'),
      submenu: STEP_KINDS.map((k) => ({ id: `add-${k}`, label: t(`common.kinds.${k}`), run: () => addStepAt(store, flow, k, c.point) })),
    },
    { id: 'add-note', label: t('contextMenu.addNoteHere'), run: () => addNote(store, flow, { at: c.point }) },
    { id: 'paste', label: t('contextMenu.paste'), shortcut: `${MOD}+V`, run: () => void pasteClipboard(store, flow, c.point) },
    ...view,
  ];
}

/** The items of the menu for `target` (empty: nothing to offer, no menu). */
export function menuItems(c: MenuContext, target: MenuTarget): MenuEntry[] {
  const doc = c.store.getState().doc;
  if (!doc) return [];
  switch (target.kind) {
    case 'step':
      return doc.steps[target.stepId] ? stepItems(c, doc, target.stepId) : [];
    case 'flow':
      return doc.flows[target.flowId] ? flowItems(c, doc, target.flowId) : [];
    case 'lane':
      return doc.roles[target.roleId] ? laneItems(c, doc, target.roleId) : [];
    case 'phase':
      return doc.phases[target.phaseId] ? phaseItems(c, doc, target.phaseId) : [];
    default:
      return canvasItems(c);
  }
}

/** The menus' and Arrange's shortcuts for the list shown by `?` (`mod`: Ctrl, or ⌘ on a Mac). */
export function menuShortcuts(t: TFunction, mod: string): [string, string][] {
  return [
    [t('contextMenu.shortcuts.menuKeys'), t('contextMenu.shortcuts.menu')],
    [`${mod}+A`, t('contextMenu.shortcuts.selectAll')],
    [`Alt+Shift+${Object.values(ALIGN_KEYS).join(' / ')}`, t('contextMenu.shortcuts.align')],
    [`Alt+Shift+${Object.values(DISTRIBUTE_KEYS).join(' / ')}`, t('contextMenu.shortcuts.distribute')],
  ];
}

/**
 * BPMN elements (as bpmn-moddle read them) -> Lanemap maps: lanes, steps, flows, items, notes,
 * phases. Positions are set afterwards (place.ts) from the boxes collected here. Every element of
 * the file is either kept (counted with what it became) or counted as not kept with the reason.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { LIMITS, type EventTrigger, type Flow, type MapDoc, type Note, type Role, type Step, type StepKind } from '../../../model/types';
import { flowDataOf, laneDataOf, mapDataOf, stepDataOf } from '../extensions';
import { BpmnImportError } from '../import';
import { boxOf, cleanName, cutText, IdMaker, isA, list, one, str, Tally, typeName, type DiBox } from './common';
import { newDraft, type Draft } from './draft';

const PALETTE = ['#2f80ed', '#27ae60', '#f2994a', '#9b51e0', '#eb5757', '#00a3a3', '#8d6e63', '#8e44ad'];
/** Sub-processes nested deeper than this are refused (nothing may recurse without a bound). */
const MAX_DEPTH = 60;

const TRIGGERS: [string, EventTrigger][] = [
  ['bpmn:MessageEventDefinition', 'message'],
  ['bpmn:TimerEventDefinition', 'timer'],
  ['bpmn:ConditionalEventDefinition', 'conditional'],
  ['bpmn:SignalEventDefinition', 'signal'],
  ['bpmn:ErrorEventDefinition', 'error'],
  ['bpmn:EscalationEventDefinition', 'escalation'],
  ['bpmn:CompensateEventDefinition', 'compensation'],
  ['bpmn:LinkEventDefinition', 'link'],
  ['bpmn:TerminateEventDefinition', 'terminate'],
  ['bpmn:CancelEventDefinition', 'cancel'],
];

/** Why elements no Lanemap map has a place for are not kept (the summary's reason codes). */
const NOT_KEPT: [string, string][] = [
  ['bpmn:FormalExpression', 'condition'],
  ['bpmn:Expression', 'condition'],
  ['bpmn:InputOutputSpecification', 'io-spec'],
  ['bpmn:DataInput', 'io-spec'],
  ['bpmn:DataOutput', 'io-spec'],
  ['bpmn:LoopCharacteristics', 'loop'],
  ['bpmn:Property', 'io-spec'],
  ['bpmn:RootElement', 'definition'],
  ['bpmn:ConversationNode', 'conversation'],
  ['bpmn:ConversationLink', 'conversation'],
  ['bpmn:ChoreographyActivity', 'choreography'],
  ['bpmn:ResourceRole', 'resource-unnamed'],
  ['bpmn:Assignment', 'io-spec'],
  ['bpmn:DataState', 'io-spec'],
  ['bpmn:Association', 'association'],
];

export interface BuildInput {
  definitions: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  now: string;
  fileName?: string;
}

export interface BuildResult {
  drafts: Draft[];
  tally: Tally;
}

interface Leaf {
  lane: ModdleElement;
  /** "Parent / Child"; '' for an unnamed lane. */
  name: string;
  nodes: ModdleElement[];
  /** False for a lane that only holds other lanes. */
  leaf: boolean;
}

interface StepRef {
  draft: Draft;
  id: string;
}

/** One import: the maps made so far, what became of each element, the counts. */
export class Builder {
  readonly tally = new Tally();
  private readonly ids = new IdMaker();
  private readonly drafts: Draft[] = [];
  /** Each element kept (in any way): not counted again as not kept. */
  private readonly handled = new Set<ModdleElement>();
  /** Elements whose whole subtree is accounted for. */
  private readonly whole = new Set<ModdleElement>();
  private readonly stepOf = new Map<ModdleElement, StepRef>();
  /** A map made from a sub-process or a called process -> the step in the main map that stands for it (for message flows). */
  private readonly parentOf = new Map<Draft, StepRef>();
  private readonly shapes = new Map<ModdleElement, ModdleElement>();
  private readonly processMaps = new Map<ModdleElement, Draft>();
  private readonly calling = new Set<ModdleElement>();
  /** Processes drawn in the main map (pools). */
  private readonly inMain = new Set<ModdleElement>();
  /** Data elements used as a step's input or output -> which way. */
  private readonly dataUse = new Map<ModdleElement, Set<'input' | 'output'>>();
  /** Pools (participants) -> the steps of their process in the main map, and the pool's lane. */
  private readonly poolSteps = new Map<ModdleElement, StepRef[]>();
  private main!: Draft;

  private readonly input: BuildInput;

  constructor(input: BuildInput) {
    this.input = input;
  }

  build(): BuildResult {
    const defs = this.input.definitions;
    this.handled.add(defs);
    this.indexDiagrams();
    const roots = list(defs, 'rootElements');
    const processes = roots.filter((r) => isA(r, 'bpmn:Process'));
    const collaboration = roots.find((r) => isA(r, 'bpmn:Collaboration') && list(r, 'participants').length > 0);
    if (processes.length === 0 && !collaboration) throw new BpmnImportError('no-process', 'The file holds no process.');

    const called = new Set<ModdleElement>();
    for (const el of Object.values(this.input.elementsById)) {
      if (isA(el, 'bpmn:CallActivity')) {
        const target = this.input.elementsById[str(el, 'calledElement')];
        if (target && isA(target, 'bpmn:Process')) called.add(target);
      }
    }

    // the pools of the main map: a collaboration's participants, then processes drawn without one
    const pools: { participant?: ModdleElement; process?: ModdleElement }[] = [];
    if (collaboration) {
      this.handled.add(collaboration);
      for (const p of list(collaboration, 'participants')) {
        pools.push({ participant: p, process: one(p, 'processRef') });
      }
    }
    const referenced = new Set(pools.map((p) => p.process).filter(Boolean));
    for (const proc of processes) {
      if (referenced.has(proc) || called.has(proc)) continue;
      // a process drawn beside a collaboration's pools (MIWG A.4.0) joins them; one no drawing shows is a pool too
      pools.push({ process: proc });
    }
    if (pools.length === 0) pools.push({ process: processes[0] });
    this.sortPools(pools);
    for (const p of pools) if (p.process) this.inMain.add(p.process);

    const single = pools.length === 1 ? pools[0]!.process : undefined;
    const lanemapData = single ? mapDataOf(single) : undefined;
    const title = firstName(collaboration, pools.length === 1 ? pools[0]!.participant : undefined, single, defs) || baseName(this.input.fileName) || 'BPMN process';
    this.main = this.newMap(title, lanemapData, single);

    const multi = pools.length > 1;
    pools.forEach((pool, i) => this.addPool(pool, multi, i));
    if (collaboration) {
      this.messageFlows(collaboration);
      this.artifacts(this.main, collaboration);
      this.extensions(collaboration);
    }
    // processes called by call activities that no pool draws were made on demand; any left are their own maps
    for (const proc of processes) if (!this.inMain.has(proc) && !this.processMaps.has(proc)) this.processMap(proc, 0);
    for (const d of this.drafts) this.phasesFromGroups(d);
    this.countData();
    this.countRest(defs);
    return { drafts: this.drafts, tally: this.tally };
  }

  // ---------------------------------------------------------------- maps and lanes

  private newMap(title: string, data: Partial<MapDoc> | undefined, from?: ModdleElement): Draft {
    const id = this.ids.make(data?.id, from ? `map_${from.id ?? ''}` : 'map');
    const doc: MapDoc = {
      id,
      title: this.named(title, LIMITS.mapTitle, 'mapTitle') || 'BPMN process',
      description: '',
      createdAt: this.input.now,
      updatedAt: this.input.now,
      roles: {},
      phases: {},
      steps: {},
      flows: {},
      comments: {},
      painPoints: {},
    };
    const draft = newDraft(doc);
    const ids = draft.ids;
    if (data) {
      // what BPMN has no place for, as Lanemap wrote it; the title stays the process's name
      const { roles: _r, steps: _s, flows: _f, id: _i, title: ownTitle, ...rest } = data;
      Object.assign(doc, rest);
      if (!title && ownTitle) doc.title = ownTitle;
      for (const ph of Object.values(data.phases ?? {})) ids.claim(ph.id);
      for (const c of Object.values(data.comments ?? {})) ids.claim(c.id);
      for (const p of Object.values(data.painPoints ?? {})) ids.claim(p.id);
      for (const n of Object.values(data.notes ?? {})) ids.claim(n.id);
      draft.fromLanemap = true;
    }
    this.drafts.push(draft);
    return draft;
  }

  private addRole(draft: Draft, name: string, lane?: ModdleElement): string {
    const data = lane ? laneDataOf(lane) : undefined;
    const order = Object.keys(draft.doc.roles).length;
    const id = draft.ids.make(data?.id, lane?.id ? `lane_${lane.id}` : 'lane');
    const role: Role = { id, name: this.named(name, LIMITS.roleName, 'laneName') || `Lane ${order + 1}`, color: validColor(data?.color) ?? PALETTE[order % PALETTE.length]!, order };
    draft.doc.roles[id] = role;
    const shape = lane ? this.shapes.get(lane) : undefined;
    const box = boxOf(shape);
    if (box) draft.bands.set(id, box);
    if (shape && shape.isHorizontal === false) draft.vertical = true;
    return id;
  }

  private addPool(pool: { participant?: ModdleElement; process?: ModdleElement }, multi: boolean, index: number): void {
    const { participant, process } = pool;
    if (participant) this.handled.add(participant);
    // cut once, where it becomes (part of) a lane's name
    const poolName = cleanName(str(participant, 'name') || str(process, 'name'), Infinity).text;
    const poolShape = participant ? this.shapes.get(participant) : undefined;
    if (poolShape && poolShape.isHorizontal === false) this.main.vertical = true;
    const leaves = process ? this.leafLanes(process) : [];
    const laneOf = new Map<ModdleElement, string>();
    const leafRoles: { role: string; box?: DiBox }[] = [];
    leaves.forEach((leaf, k) => {
      // an unnamed lane is its pool when it is the pool's only lane, else "Lane 2"
      const own = leaf.name || (leaves.length === 1 ? '' : `Lane ${k + 1}`);
      const name = own ? (multi && poolName ? `${poolName} / ${own}` : own) : poolName || `Lane ${k + 1}`;
      const role = this.addRole(this.main, name, leaf.lane);
      leafRoles.push({ role, box: boxOf(this.shapes.get(leaf.lane)) });
      for (const node of leaf.nodes) if (!laneOf.has(node)) laneOf.set(node, role);
    });
    let fallback = leafRoles[0]?.role;
    if (!fallback) {
      fallback = this.addRole(this.main, poolName || (multi ? `Pool ${index + 1}` : this.main.doc.title));
      const box = boxOf(poolShape);
      if (box) this.main.bands.set(fallback, box);
      if (participant) this.tally.add('participant', 'lane');
    } else if (participant) this.tally.add('participant', multi ? 'lane-name' : 'map');
    if (!process) {
      if (participant) this.poolSteps.set(participant, []);
      return;
    }
    this.handled.add(process);
    this.documentation(process, (text) => {
      if (!this.main.fromLanemap) this.main.doc.description = this.append(this.main.doc.description, text);
    });
    const roleFor = (node: ModdleElement): string => {
      const known = laneOf.get(node);
      if (known) return known;
      // a node no lane lists: the lane its drawing lies in
      const b = boxOf(this.shapes.get(node));
      if (b) {
        const cx = b.x + b.width / 2;
        const cy = b.y + b.height / 2;
        const hit = leafRoles.find((l) => l.box && cx >= l.box.x && cx <= l.box.x + l.box.width && cy >= l.box.y && cy <= l.box.y + l.box.height);
        if (hit) return hit.role;
      }
      return fallback;
    };
    const before = new Set(Object.keys(this.main.doc.steps));
    this.fill(this.main, process, roleFor, 0);
    this.extensions(process);
    if (participant) {
      this.poolSteps.set(
        participant,
        Object.keys(this.main.doc.steps)
          .filter((id) => !before.has(id))
          .map((id) => ({ draft: this.main, id })),
      );
    }
  }

  /** The lanes that hold steps (nested lanes flattened: "Parent / Child"), in drawing order. */
  private leafLanes(process: ModdleElement): Leaf[] {
    const out: Leaf[] = [];
    const stack: { set: ModdleElement; prefix: string; depth: number }[] = list(process, 'laneSets')
      .reverse()
      .map((set) => ({ set, prefix: '', depth: 0 }));
    while (stack.length > 0) {
      const { set, prefix, depth } = stack.pop()!;
      this.handled.add(set);
      if (depth > MAX_DEPTH) throw new BpmnImportError('too-many-elements', 'Lanes are nested too deep.');
      const lanes = this.byDrawing(list(set, 'lanes'));
      const children: typeof stack = [];
      for (const lane of lanes) {
        this.handled.add(lane);
        const name = cleanName(str(lane, 'name'), Infinity).text;
        const full = prefix && name ? `${prefix} / ${name}` : prefix || name;
        const child = one(lane, 'childLaneSet');
        if (child && list(child, 'lanes').length > 0) {
          this.tally.add('lane', 'lane-name', 'nested');
          children.push({ set: child, prefix: full, depth: depth + 1 });
          // nodes listed by the parent but none of its children go to its first child (see roleFor)
          out.push({ lane, name: '', nodes: [], leaf: false });
        } else {
          this.tally.add('lane', 'lane');
          out.push({ lane, name: full, nodes: list(lane, 'flowNodeRef'), leaf: true });
        }
      }
      for (const c of children.reverse()) stack.push(c);
    }
    // parents were placeholders: flatten them in order (children follow their parent's place)
    return this.flattenOrder(out);
  }

  private flattenOrder(out: Leaf[]) {
    const leaves = out.filter((l) => l.leaf);
    // order leaves as the drawing does when it can, else as the file lists them
    return this.byDrawingObj(leaves, (l) => l.lane);
  }

  private byDrawing(els: ModdleElement[]): ModdleElement[] {
    return this.byDrawingObj(els, (e) => e);
  }

  /** Sorted top to bottom (left to right for vertical lanes) by their drawing; undrawn ones keep their place at the end. */
  private byDrawingObj<T>(items: T[], elOf: (t: T) => ModdleElement): T[] {
    const keyed = items.map((t, i) => {
      const shape = this.shapes.get(elOf(t));
      const b = boxOf(shape);
      const vertical = shape?.isHorizontal === false;
      return { t, i, k: b ? (vertical ? b.x : b.y) : Infinity };
    });
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    return keyed.map((k) => k.t);
  }

  private sortPools(pools: { participant?: ModdleElement; process?: ModdleElement }[]): void {
    const sorted = this.byDrawingObj(pools, (p) => {
      if (p.participant && this.shapes.has(p.participant)) return p.participant;
      // a pool drawn only through its lanes
      const lane = p.process ? list(list(p.process, 'laneSets')[0], 'lanes')[0] : undefined;
      return lane ?? p.participant ?? p.process!;
    });
    pools.splice(0, pools.length, ...sorted);
  }

  /** The map made from a called process (made once; a circle of calls is refused). */
  private processMap(proc: ModdleElement, depth: number, callerTitle = ''): Draft {
    if (this.calling.has(proc) || depth > MAX_DEPTH) throw new BpmnImportError('broken-references', 'Processes call one another in a circle.');
    const made = this.processMaps.get(proc);
    if (made) return made;
    this.calling.add(proc);
    this.handled.add(proc);
    const data = mapDataOf(proc);
    const draft = this.newMap(str(proc, 'name') || callerTitle || baseName(this.input.fileName) || 'Process', data, proc);
    this.processMaps.set(proc, draft);
    this.documentation(proc, (text) => {
      if (!draft.fromLanemap) draft.doc.description = this.append(draft.doc.description, text);
    });
    const leaves = this.leafLanes(proc);
    const laneOf = new Map<ModdleElement, string>();
    for (const [k, leaf] of leaves.entries()) {
      const role = this.addRole(draft, leaf.name || (leaves.length === 1 ? draft.doc.title : `Lane ${k + 1}`), leaf.lane);
      for (const node of leaf.nodes) if (!laneOf.has(node)) laneOf.set(node, role);
    }
    const fallback = Object.keys(draft.doc.roles)[0] ?? this.addRole(draft, draft.doc.title);
    this.fill(draft, proc, (n) => laneOf.get(n) ?? fallback, depth + 1);
    this.extensions(proc);
    this.calling.delete(proc);
    return draft;
  }

  // ---------------------------------------------------------------- content

  /** Puts a process's (or sub-process's) content into a map. */
  private fill(draft: Draft, container: ModdleElement, roleFor: (node: ModdleElement) => string, depth: number): void {
    if (depth > MAX_DEPTH) throw new BpmnImportError('too-many-elements', 'Sub-processes are nested too deep.');
    const elements = list(container, 'flowElements');
    const flows: ModdleElement[] = [];
    const boundaries: ModdleElement[] = [];
    for (const el of elements) {
      if (isA(el, 'bpmn:SequenceFlow')) flows.push(el);
      else if (isA(el, 'bpmn:BoundaryEvent')) boundaries.push(el);
      else if (isA(el, 'bpmn:FlowNode')) this.addStep(draft, el, roleFor(el), depth);
      else if (isA(el, 'bpmn:DataObject')) this.handled.add(el); // counted through its references
    }
    for (const el of boundaries) {
      const host = this.stepOf.get(one(el, 'attachedToRef')!);
      if (host && host.draft === draft) {
        const hostStep = draft.doc.steps[host.id]!;
        // a non-interrupting one (cancelActivity="false") becomes the same event step: the summary says so
        const id = this.addStep(draft, el, hostStep.roleId, depth, el.cancelActivity === false ? 'boundary-non-interrupting' : 'boundary');
        draft.hosts.set(id, host.id);
        this.addFlow(draft, host.id, id, '', undefined);
      } else this.addStep(draft, el, roleFor(el), depth, 'boundary-unattached');
    }
    for (const el of flows) {
      const from = this.stepOf.get(one(el, 'sourceRef')!);
      const to = this.stepOf.get(one(el, 'targetRef')!);
      if (!from || !to || from.draft !== draft || to.draft !== draft) {
        this.tally.add('sequenceFlow', undefined, 'no-ends');
        this.handled.add(el);
        continue;
      }
      const data = flowDataOf(el);
      const fid = this.addFlow(draft, from.id, to.id, this.flowName(str(el, 'name'), !!data), el, data);
      if (fid) {
        this.tally.add('sequenceFlow', 'flow');
        this.handled.add(el);
        this.extensions(el);
        this.documentation(el, () => this.tally.add('documentation', undefined, 'flow-text'));
      }
    }
    this.artifacts(draft, container);
  }

  private addStep(draft: Draft, el: ModdleElement, roleId: string, depth: number, how?: string): string {
    const data = stepDataOf(el);
    const kind = kindOf(el);
    const element = typeName(el);
    const rawName = str(el, 'name');
    const name = data ? { text: cutText(rawName, LIMITS.title), cut: rawName.length > LIMITS.title } : cleanName(rawName, LIMITS.title);
    const id = draft.ids.make(data?.id, el.id);
    const step: Step = {
      id,
      kind,
      title: name.text,
      description: '',
      roleId,
      phaseId: null,
      x: 0,
      y: 0,
      duration: null,
      inputs: [],
      outputs: [],
      resources: [],
    };
    if (data) {
      const { id: _i, kind: _k, title: _t, roleId: _r, x: _x, y: _y, linkedMapId, phaseId, ...rest } = data;
      Object.assign(step, rest);
      if (phaseId && draft.doc.phases[phaseId]) step.phaseId = phaseId;
      if (linkedMapId) step.linkedMapId = linkedMapId;
      if (data.x !== undefined && data.y !== undefined) draft.stored.set(id, { x: data.x, y: data.y });
      if (step.raci) step.raci = Object.fromEntries(Object.entries(step.raci));
    }
    const trigger = triggerOf(el);
    if (kind === 'start' || kind === 'end' || kind === 'event') {
      if (trigger) step.trigger = trigger;
      else delete step.trigger;
      if (kind === 'event' && isA(el, 'bpmn:IntermediateThrowEvent')) step.throwing = true;
      else delete step.throwing;
    } else {
      delete step.trigger;
      delete step.throwing;
    }
    for (const def of list(el, 'eventDefinitions')) this.whole.add(def);
    draft.doc.steps[id] = step;
    this.stepOf.set(el, { draft, id });
    this.handled.add(el);
    const box = boxOf(this.shapes.get(el));
    if (box) draft.boxes.set(id, box);
    this.extensions(el);
    if (!data) this.documentation(el, (text) => (step.description = this.append(step.description, text)));
    else this.documentation(el, () => undefined);

    let reason: string | undefined = how;
    if (name.cut) this.tally.add('stepName', `cut-${LIMITS.title}`);
    // Lanemap has one kind of decision: an inclusive, complex or event-based gateway's own rule is not kept
    if (kind === 'decision' && !isA(el, 'bpmn:ExclusiveGateway')) reason = 'gateway-kind';
    if (kind === 'subprocess') reason = this.subprocess(draft, el, step, depth) ?? reason;
    if (isA(el, 'bpmn:Activity')) this.activityData(el, step, !!data);
    if (isA(el, 'bpmn:CatchEvent') || isA(el, 'bpmn:ThrowEvent')) this.activityData(el, step, !!data);
    this.tally.add(element, kind, reason);
    return id;
  }

  /** A sub-process's content becomes a map of its own; a call activity links the process it calls. Returns a reason for the summary. */
  private subprocess(draft: Draft, el: ModdleElement, step: Step, depth: number): string | undefined {
    if (isA(el, 'bpmn:SubProcess')) {
      if (list(el, 'flowElements').length === 0) return 'empty';
      const role = draft.doc.roles[step.roleId];
      const child = this.newMap(str(el, 'name') || draft.doc.title, undefined, el);
      const childRole = this.addRole(child, role?.name ?? child.doc.title);
      this.parentOf.set(child, this.parentOf.get(draft) ?? { draft, id: step.id });
      this.fill(child, el, () => childRole, depth + 1);
      step.linkedMapId = child.doc.id;
      if (isA(el, 'bpmn:Transaction')) return 'transaction';
      return 'content-map';
    }
    // a call activity: the process it calls, when the file holds it
    const target = this.input.elementsById[str(el, 'calledElement')];
    if (target && isA(target, 'bpmn:Process')) {
      if (this.inMain.has(target)) return 'called-in-main';
      const map = this.processMap(target, depth + 1, step.title);
      step.linkedMapId = map.doc.id;
      if (!this.parentOf.has(map)) this.parentOf.set(map, this.parentOf.get(draft) ?? { draft, id: step.id });
      return 'called-map';
    }
    if (target) {
      this.handled.add(target);
      this.tally.add(typeName(target), undefined, 'called-not-process');
    }
    return step.linkedMapId ? undefined : 'not-in-file';
  }

  /** Data associations -> inputs and outputs; resources (performers, potential owners) -> resources. */
  private activityData(el: ModdleElement, step: Step, fromLanemap: boolean): void {
    const own = new Set<ModdleElement>();
    const io = one(el, 'ioSpecification');
    if (io) for (const d of [...list(io, 'dataInputs'), ...list(io, 'dataOutputs')]) own.add(d);
    const associations = [...list(el, 'dataInputAssociations'), ...list(el, 'dataOutputAssociations')];
    // the step's own data inputs and outputs, properties and their specification are the associations' plumbing
    if (associations.length > 0) {
      if (io) this.whole.add(io);
      for (const a of list(el, 'dataInputAssociations')) {
        const target = one(a, 'targetRef');
        if (target) this.whole.add(target);
      }
      for (const a of list(el, 'dataOutputAssociations')) for (const src of list(a, 'sourceRef')) this.whole.add(src);
    }
    for (const a of list(el, 'dataInputAssociations')) {
      this.handled.add(a);
      this.whole.add(a);
      for (const src of list(a, 'sourceRef')) {
        if (own.has(src)) continue;
        this.use(src, 'input');
        if (!fromLanemap) this.pushItem(step.inputs, dataName(src));
      }
    }
    for (const a of list(el, 'dataOutputAssociations')) {
      this.handled.add(a);
      this.whole.add(a);
      const target = one(a, 'targetRef');
      if (!target || own.has(target)) continue;
      this.use(target, 'output');
      if (!fromLanemap) this.pushItem(step.outputs, dataName(target));
    }
    for (const r of list(el, 'resources')) {
      const name = str(one(r, 'resourceRef'), 'name') || str(r, 'name');
      if (!name.trim()) continue;
      this.handled.add(r);
      this.whole.add(r);
      const res = one(r, 'resourceRef');
      if (res) this.handled.add(res);
      if (!fromLanemap) this.pushItem(step.resources, name);
      this.tally.add(typeName(r), 'resource');
    }
  }

  /** A name as one line, cut to `max` characters; a cut is counted for the summary as `what` (stepName, laneName…). */
  private named(name: string, max: number, what: string): string {
    const n = cleanName(name, max);
    if (n.cut) this.tally.add(what, `cut-${max}`);
    return n.text;
  }

  /** A flow's label: one line, or as Lanemap wrote it (line breaks kept); cut to the limit, counted when cut. */
  private flowName(name: string, fromLanemap: boolean): string {
    if (!fromLanemap) return this.named(name, LIMITS.flowLabel, 'flowName');
    if (name.length > LIMITS.flowLabel) this.tally.add('flowName', `cut-${LIMITS.flowLabel}`);
    return cutText(name, LIMITS.flowLabel);
  }

  /** Text added to a description (a blank line between), cut to the limit, counted when cut. */
  private append(before: string, text: string): string {
    const all = before ? `${before}\n\n${text}` : text;
    if (all.length > LIMITS.description && before.length < LIMITS.description) this.tally.add('descriptionText', `cut-${LIMITS.description}`);
    return cutText(all, LIMITS.description);
  }

  /** A data object's, store's or resource's name into a step's list: cut names and full lists are counted. */
  private pushItem(items: string[], name: string): void {
    const text = this.named(name, LIMITS.itemLabel, 'itemName');
    if (!text || items.includes(text)) return;
    if (items.length >= LIMITS.itemsPerList) this.tally.add('item', undefined, 'too-many-items');
    else items.push(text);
  }

  private use(el: ModdleElement, way: 'input' | 'output'): void {
    const set = this.dataUse.get(el) ?? new Set();
    set.add(way);
    this.dataUse.set(el, set);
  }

  private countData(): void {
    for (const [el, ways] of this.dataUse) {
      this.handled.add(el);
      const ref = one(el, 'dataObjectRef') ?? one(el, 'dataStoreRef');
      if (ref) this.handled.add(ref);
      this.tally.add(typeName(el), ways.size === 2 ? 'input-output' : ways.has('input') ? 'input' : 'output');
    }
    const stores = new Set<ModdleElement>();
    for (const u of this.dataUse.keys()) {
      const store = one(u, 'dataStoreRef');
      if (store) stores.add(store);
    }
    for (const id in this.input.elementsById) {
      const el = this.input.elementsById[id]!;
      const t = el.$type;
      if (this.handled.has(el)) continue;
      if (t === 'bpmn:DataObjectReference' || t === 'bpmn:DataStoreReference') {
        this.handled.add(el);
        this.tally.add(typeName(el), undefined, 'unassociated');
      } else if (t === 'bpmn:DataStore' && stores.has(el)) this.handled.add(el);
    }
  }

  private addFlow(draft: Draft, from: string, to: string, label: string, el: ModdleElement | undefined, data?: Partial<Flow>, message = false): string | undefined {
    const element = el ? typeName(el) : 'boundaryEvent';
    if (from === to) {
      if (el) this.tally.add(element, undefined, 'self-loop');
      return undefined;
    }
    const flows = draft.doc.flows;
    const pair = `${from}\u0000${to}`;
    if (draft.pairs.has(pair)) {
      if (el) this.tally.add(element, undefined, 'duplicate');
      if (el) this.handled.add(el);
      return undefined;
    }
    const id = draft.ids.make(data?.id, el?.id, `flow_${from}_${to}`);
    const flow: Flow = { id, fromStepId: from, toStepId: to, label };
    if (data) {
      const { id: _i, fromStepId: _f, toStepId: _t, label: _l, ...rest } = data;
      Object.assign(flow, rest);
    }
    if (message) flow.message = true;
    flows[id] = flow;
    draft.pairs.add(pair);
    const edge = el ? this.shapes.get(el) : undefined;
    if (edge) {
      const pts = list(edge, 'waypoint')
        .map((p) => ({ x: Number(p.x), y: Number(p.y) }))
        .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
      if (pts.length >= 2) draft.edges.set(id, pts);
    }
    return id;
  }

  /** Message flows between pools -> flows shown as messages (an end inside a sub-process attaches to the sub-process's step). */
  private messageFlows(collaboration: ModdleElement): void {
    for (const mf of list(collaboration, 'messageFlows')) {
      this.handled.add(mf);
      const message = one(mf, 'messageRef');
      if (message) this.handled.add(message);
      const a = this.endOf(one(mf, 'sourceRef'), 'source');
      const b = this.endOf(one(mf, 'targetRef'), 'target');
      if (!a || !b) {
        this.tally.add('messageFlow', undefined, 'pool-border');
        continue;
      }
      const data = flowDataOf(mf);
      const id = this.addFlow(this.main, a.ref.id, b.ref.id, this.flowName(data ? str(mf, 'name') : str(mf, 'name') || str(message, 'name'), !!data), mf, data, true);
      if (id) this.tally.add('messageFlow', 'message', a.moved || b.moved || undefined);
      this.extensions(mf);
    }
  }

  /** The main map's step a message flow starts or ends at. */
  private endOf(el: ModdleElement | undefined, side: 'source' | 'target'): { ref: StepRef; moved?: string } | undefined {
    if (!el) return undefined;
    const direct = this.stepOf.get(el);
    if (direct) {
      if (direct.draft === this.main) return { ref: direct };
      const parent = this.parentOf.get(direct.draft);
      return parent && parent.draft === this.main ? { ref: parent, moved: 'via-subprocess' } : undefined;
    }
    if (isA(el, 'bpmn:Participant')) {
      const steps = this.poolSteps.get(el) ?? [];
      if (steps.length === 0) return undefined;
      const doc = this.main.doc;
      const box = (r: StepRef) => this.main.boxes.get(r.id);
      const along = (r: StepRef) => {
        const b = box(r);
        return b ? (this.main.vertical ? b.y : b.x) : 0;
      };
      if (side === 'target') {
        const starts = steps.filter((r) => doc.steps[r.id]!.kind === 'start');
        const pick = (starts.length ? starts : steps).slice().sort((p, q) => along(p) - along(q))[0]!;
        return { ref: pick, moved: 'pool-start' };
      }
      const ends = steps.filter((r) => doc.steps[r.id]!.kind === 'end');
      const pick = (ends.length ? ends : steps).slice().sort((p, q) => along(q) - along(p))[0]!;
      return { ref: pick, moved: 'pool-end' };
    }
    return undefined;
  }

  /** Text annotations, their associations and groups of a process, sub-process or collaboration. */
  private artifacts(draft: Draft, container: ModdleElement): void {
    const arts = list(container, 'artifacts');
    const annotations = arts.filter((a) => isA(a, 'bpmn:TextAnnotation'));
    const associations = arts.filter((a) => isA(a, 'bpmn:Association'));
    const attached = new Map<ModdleElement, StepRef[]>();
    for (const assoc of associations) {
      const s = one(assoc, 'sourceRef');
      const t = one(assoc, 'targetRef');
      const note = isA(s, 'bpmn:TextAnnotation') ? s : isA(t, 'bpmn:TextAnnotation') ? t : undefined;
      const other = note === s ? t : s;
      const step = other ? this.stepOf.get(other) : undefined;
      if (note && step) {
        attached.set(note, [...(attached.get(note) ?? []), step]);
        this.handled.add(assoc);
      }
    }
    for (const a of annotations) {
      this.handled.add(a);
      this.extensions(a);
      const text = str(a, 'text').trim();
      const steps = attached.get(a) ?? [];
      if (draft.fromLanemap || (steps[0] && steps[0].draft.fromLanemap)) {
        // Lanemap wrote its notes in its own data as well: they come back from there
        this.tally.add('textAnnotation', 'note');
        continue;
      }
      if (!text) {
        this.tally.add('textAnnotation', undefined, 'empty-text');
        continue;
      }
      if (steps.length > 0) {
        for (const ref of steps) {
          const step = ref.draft.doc.steps[ref.id]!;
          step.description = this.append(step.description, text);
        }
        this.tally.add('textAnnotation', 'description');
        continue;
      }
      const notes = (draft.doc.notes ??= {});
      if (Object.keys(notes).length >= LIMITS.notes) {
        this.tally.add('textAnnotation', undefined, 'too-many-notes');
        continue;
      }
      const id = draft.ids.make(a.id, 'note');
      if (text.length > LIMITS.note) this.tally.add('noteText', `cut-${LIMITS.note}`);
      const n: Note = { id, text: cutText(text, LIMITS.note), x: 0, y: 0 };
      notes[id] = n;
      const box = boxOf(this.shapes.get(a));
      if (box) draft.noteBoxes.set(id, box);
      this.tally.add('textAnnotation', 'note');
    }
    for (const g of arts.filter((x) => isA(x, 'bpmn:Group'))) {
      this.handled.add(g);
      this.extensions(g);
      const value = one(g, 'categoryValueRef');
      const name = str(value, 'value') || str(g, 'name');
      const box = boxOf(this.shapes.get(g));
      if (value) {
        this.handled.add(value);
        const category = value.$parent;
        if (category && isA(category, 'bpmn:Category')) this.handled.add(category);
      }
      if (!box) {
        this.tally.add('group', undefined, 'not-drawn');
        continue;
      }
      draft.groups.push({ name, box, sourceId: g.id ?? 'group' });
    }
  }

  /**
   * Groups become phases when they divide the map into stages left to right: their boxes do not
   * overlap along the flow, and every step outside them lies before the first (Lanemap's column
   * of steps without a phase). Else they are counted as not kept.
   */
  private phasesFromGroups(draft: Draft): void {
    const groups = draft.groups;
    if (groups.length === 0) return;
    if (draft.fromLanemap) {
      this.tally.add('group', 'phase', undefined, groups.length);
      return;
    }
    const v = draft.vertical;
    const lo = (b: DiBox) => (v ? b.y : b.x);
    const hi = (b: DiBox) => (v ? b.y + b.height : b.x + b.width);
    const sorted = groups.slice().sort((a, b) => lo(a.box) - lo(b.box));
    let ok = sorted.every((g, i) => i === 0 || lo(g.box) >= hi(sorted[i - 1]!.box) - 1);
    const member = new Map<string, number>();
    if (ok) {
      for (const [id, b] of draft.boxes) {
        const cx = b.x + b.width / 2;
        const cy = b.y + b.height / 2;
        const along = v ? cy : cx;
        const k = sorted.findIndex((g) => cx >= g.box.x && cx <= g.box.x + g.box.width && cy >= g.box.y && cy <= g.box.y + g.box.height);
        if (k >= 0) member.set(id, k);
        else if (along >= lo(sorted[0]!.box)) ok = false;
      }
      // a boundary event goes with its task; an undrawn step does not block
      for (const s of Object.values(draft.doc.steps)) {
        const host = draft.hosts.get(s.id);
        if (host && member.has(host)) member.set(s.id, member.get(host)!);
      }
      if (member.size === 0) ok = false;
    }
    if (!ok) {
      this.tally.add('group', undefined, 'not-stages', groups.length);
      return;
    }
    sorted.forEach((g, i) => {
      const id = draft.ids.make(`phase_${g.sourceId}`);
      g.phaseId = id;
      draft.doc.phases[id] = { id, name: this.named(g.name, LIMITS.roleName, 'phaseName') || `Phase ${i + 1}`, order: i };
      for (const [stepId, k] of member) if (k === i) draft.doc.steps[stepId]!.phaseId = id;
    });
    this.tally.add('group', 'phase', undefined, groups.length);
  }

  // ---------------------------------------------------------------- the rest

  private documentation(el: ModdleElement, use: (text: string) => void): void {
    for (const d of list(el, 'documentation')) {
      this.handled.add(d);
      const text = str(d, 'text').trim();
      if (text) use(text);
    }
  }

  /** Extension elements: Lanemap's own are read by the `…DataOf` readers; another tool's are counted as not kept. */
  private extensions(el: ModdleElement): void {
    const ext = one(el, 'extensionElements');
    if (!ext) return;
    this.handled.add(ext);
    this.whole.add(ext);
    for (const v of list(ext, 'values')) {
      const t = String(v.$type ?? '');
      if (t.startsWith('lanemap:')) continue;
      this.tally.add(typeName(v), undefined, 'unknown-namespace');
    }
  }

  private indexDiagrams(): void {
    for (const diagram of list(this.input.definitions, 'diagrams')) {
      this.whole.add(diagram);
      const plane = one(diagram, 'plane');
      for (const el of list(plane, 'planeElement')) {
        const target = one(el, 'bpmnElement');
        if (target && !this.shapes.has(target)) this.shapes.set(target, el);
      }
    }
  }

  /** Every element of the file not kept in some way, counted by type with the reason. */
  private countRest(defs: ModdleElement): void {
    const stack: ModdleElement[] = [defs];
    const seen = new Set<ModdleElement>();
    while (stack.length > 0) {
      const el = stack.pop()!;
      if (seen.has(el) || this.whole.has(el)) continue;
      seen.add(el);
      if (!this.handled.has(el)) {
        if (isA(el, 'bpmn:ExtensionElements')) {
          this.extensions({ extensionElements: el } as unknown as ModdleElement);
          continue;
        }
        const t = String(el.$type ?? '');
        const reason = t.startsWith('bpmn:') ? (NOT_KEPT.find(([type]) => isA(el, type))?.[1] ?? 'unsupported') : 'unknown-namespace';
        this.tally.add(typeName(el), undefined, reason);
        continue;
      }
      const desc = (el as { $descriptor?: { propertiesByName?: Record<string, { isReference?: boolean }> } }).$descriptor;
      for (const key of Object.keys(el)) {
        if (key.startsWith('$') || (el === defs && key === 'diagrams')) continue;
        if (desc?.propertiesByName?.[key]?.isReference) continue;
        const v = el[key];
        if (Array.isArray(v)) {
          for (const c of v) if (c && typeof c === 'object' && '$type' in c) stack.push(c as ModdleElement);
        } else if (v && typeof v === 'object' && '$type' in v) stack.push(v as ModdleElement);
      }
    }
  }
}

function kindOf(el: ModdleElement): StepKind {
  if (isA(el, 'bpmn:StartEvent')) return 'start';
  if (isA(el, 'bpmn:EndEvent')) return 'end';
  if (isA(el, 'bpmn:Event')) return 'event';
  if (isA(el, 'bpmn:ParallelGateway')) return 'parallel';
  if (isA(el, 'bpmn:Gateway')) return 'decision';
  if (isA(el, 'bpmn:SubProcess') || isA(el, 'bpmn:CallActivity')) return 'subprocess';
  return 'task';
}

function triggerOf(el: ModdleElement): EventTrigger | undefined {
  const defs = list(el, 'eventDefinitions');
  if (defs.length > 1) return 'multiple';
  const d = defs[0];
  if (!d) return undefined;
  return TRIGGERS.find(([type]) => isA(d, type))?.[1];
}

/** The name a data object, data store or data input shows. */
function dataName(el: ModdleElement): string {
  const own = str(el, 'name').trim();
  if (own) return own;
  const ref = one(el, 'dataObjectRef') ?? one(el, 'dataStoreRef');
  const theirs = str(ref, 'name').trim();
  if (theirs) return theirs;
  return isA(el, 'bpmn:DataStoreReference') ? 'Data store' : 'Data object';
}

function firstName(...els: (ModdleElement | undefined)[]): string {
  for (const el of els) {
    const n = str(el, 'name').trim();
    if (n) return n;
  }
  return '';
}

function baseName(file: string | undefined): string {
  if (!file) return '';
  return (file.split(/[\\/]/).pop() ?? '').replace(/\.(bpmn2?|xml)$/i, '').trim();
}

function validColor(c: string | undefined): string | undefined {
  return c && /^#[0-9a-fA-F]{6}$/.test(c) ? c : undefined;
}

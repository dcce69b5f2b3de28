/**
 * MapDoc -> BPMN 2.0 XML with diagram interchange, through bpmn-moddle (issue 11).
 *
 * A map becomes a collaboration with one participant (the map's title) whose process has a lane
 * per role (in lane order), a flow node per step (tasks, call activities or collapsed
 * sub-processes, exclusive and parallel gateways, start, intermediate and end events with their
 * triggers), a sequence flow per flow, and a group per phase. What BPMN has no place for is in the
 * Lanemap extension elements (extensions.ts), so Lanemap reads its own files back item for item.
 * The diagram is drawn from Lanemap's own geometry (`mapGeometry`): shapes where the canvas draws
 * the steps, lanes where it draws the lane bands, edges along the tidy-up's routes.
 * Pure: no I/O, same map, same text.
 */
import type { BpmnModdle } from 'bpmn-moddle';
import { LANE_LEFT, LANE_HEADER_WIDTH, PHASE_HEADER_HEIGHT, type SizeFn, frameSize, noteSize, isDiamond, isPill, mapGeometry, orderedRoles } from '../../model/geometry';
import { midpoint } from '../../model/routePath';
import type { EventTrigger, Flow, MapDoc, Point, Step } from '../../model/types';
import { flowPoints, readingOrder } from '../../export/svg';
import { noteConnector } from '../../export/notesSvg';
import { notePlace } from '../../model/notes';
import { wrapText } from '../../export/text';
import { textWidth } from '../../model/textMetrics';
import { DATA_H, DATA_W, placeDataBlocks } from './dataPlaces';
import { createModdle, flowExtension, mapExtension, noteExtension, roleExtension, stepExtension, xmlText, type ModdleElement } from './extensions';

export interface BpmnExportOptions {
  /** Inputs and outputs also as BPMN data objects with data associations (they are always in the extension elements). */
  dataObjects?: boolean;
  /**
   * The whole hierarchy in one file: the maps sub-process steps link to (and the maps theirs
   * link to), by id; each becomes its own process and diagram. A linked map not given here is
   * only named by its sub-process step.
   */
  linkedMaps?: Record<string, MapDoc>;
  /** Written as the exporter's version, e.g. "0.1.0". */
  appVersion?: string;
}

/** The target namespace of Lanemap's files (BPMN asks for one; it names where the definitions come from). */
export const BPMN_TARGET_NAMESPACE = 'https://lanemap.app/bpmn';

/** BPMN's usual sizes: gateways 50×50, events 36×36, centred on the step's box. */
const GATEWAY = 50;
const EVENT = 36;
/** Room of the pool's and lanes' name bands, as bpmn-js draws them. */
const POOL_HEADER = 30;
/** In a top-to-bottom map the phase names sit in a band on the left (as the canvas: PHASE_HEADER_DOWN). */
const PHASE_HEADER_DOWN = 150;
/** External labels (events, gateways, flows): bpmn-js's 11 px text. */
const LABEL_SIZE = 11;
const LABEL_LINE = 14;
const LABEL_WIDTH = 100;

/** The map (and, with `linkedMaps`, its hierarchy) as a .bpmn file's text. */
/** One moddle for every export: its types are built on first use and kept (an export adds nothing to it). */
let sharedModdle: ReturnType<typeof createModdle> | undefined;

export async function mapToBpmn(doc: MapDoc, options: BpmnExportOptions = {}): Promise<string> {
  const moddle = (sharedModdle ??= createModdle());
  const ids = new Ids();

  // the maps written: this one first, then the linked ones (each once, cycles safe)
  const maps: MapDoc[] = [doc];
  if (options.linkedMaps) {
    const seen = new Set([doc.id]);
    for (let i = 0; i < maps.length; i++) {
      for (const s of readingOrder(maps[i]!)) {
        const linked = s.kind === 'subprocess' && s.linkedMapId ? options.linkedMaps[s.linkedMapId] : undefined;
        if (linked && !seen.has(linked.id)) {
          seen.add(linked.id);
          maps.push(linked);
        }
      }
    }
  }
  // process ids first, so a call activity can name a process written after it
  const processIds = new Map(maps.map((m) => [m.id, ids.make('Process', m.id)]));

  const rootElements: ModdleElement[] = [];
  const diagrams: ModdleElement[] = [];
  maps.forEach((m, index) => {
    const out = mapElements(moddle, ids, m, index, processIds, options);
    rootElements.push(...out.roots);
    diagrams.push(out.diagram);
  });

  const definitions = moddle.create('bpmn:Definitions', {
    id: 'Definitions_1',
    name: xmlText(doc.title),
    targetNamespace: BPMN_TARGET_NAMESPACE,
    exporter: 'Lanemap',
    exporterVersion: options.appVersion ?? '0',
    rootElements,
    diagrams,
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}

/** BPMN ids (xsd:ID: a letter first, then letters, digits, '_', '-', '.'), unique in the file. */
class Ids {
  private used = new Set<string>();
  make(prefix: string, id: string): string {
    const base = `${prefix}_${id.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80)}`;
    let out = base;
    for (let n = 2; this.used.has(out); n++) out = `${base}_${n}`;
    this.used.add(out);
    return out;
  }
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Diagram coordinates to the hundredth of a pixel (a shorter file, nothing visible lost). */
const r1 = (n: number) => Math.round(n * 100) / 100;

/** The BPMN element type of a step. */
function bpmnType(s: Step, linked: boolean): string {
  switch (s.kind) {
    case 'start':
      return 'bpmn:StartEvent';
    case 'end':
      return 'bpmn:EndEvent';
    case 'event':
      // a plain event in the middle is BPMN's "none" intermediate event, which is a throw event
      return s.throwing || !s.trigger ? 'bpmn:IntermediateThrowEvent' : 'bpmn:IntermediateCatchEvent';
    case 'decision':
      return 'bpmn:ExclusiveGateway';
    case 'parallel':
      return 'bpmn:ParallelGateway';
    case 'subprocess':
      return linked ? 'bpmn:CallActivity' : 'bpmn:SubProcess';
    default:
      // other tools see how the work is done: by a system alone, with one, or (not said) a plain task
      return s.automation === 'auto' ? 'bpmn:ServiceTask' : s.automation === 'partial' ? 'bpmn:UserTask' : 'bpmn:Task';
  }
}

/** A duration as ISO 8601 (a timer's `timeDuration`): PT30M, PT1.5H, P2D. */
function isoDuration(d: NonNullable<Step['duration']>): string {
  return d.unit === 'd' ? `P${d.value}D` : `PT${d.value}${d.unit === 'h' ? 'H' : 'M'}`;
}

/** The event definitions of a trigger ('multiple': a message and a signal, as BPMN's multiple event has several). */
function eventDefinitions(moddle: BpmnModdle, ids: Ids, s: Step, key: string): ModdleElement[] {
  const t: EventTrigger | undefined = s.trigger;
  if (!t || !isPill(s.kind)) return [];
  const def = (type: string, attrs: Record<string, unknown> = {}, n = '') => moddle.create(type, { id: ids.make(`${type.slice(5)}${n}`, key), ...attrs });
  switch (t) {
    case 'message':
      return [def('bpmn:MessageEventDefinition')];
    case 'timer': {
      const time = s.wait ?? s.duration;
      return [def('bpmn:TimerEventDefinition', time ? { timeDuration: moddle.create('bpmn:FormalExpression', { body: isoDuration(time) }) } : {})];
    }
    case 'conditional':
      return [def('bpmn:ConditionalEventDefinition', { condition: moddle.create('bpmn:FormalExpression', { body: xmlText(s.title) }) })];
    case 'signal':
      return [def('bpmn:SignalEventDefinition')];
    case 'error':
      return [def('bpmn:ErrorEventDefinition')];
    case 'escalation':
      return [def('bpmn:EscalationEventDefinition')];
    case 'compensation':
      return [def('bpmn:CompensateEventDefinition')];
    case 'link':
      return [def('bpmn:LinkEventDefinition', { name: xmlText(s.title) || 'link' })];
    case 'terminate':
      return [def('bpmn:TerminateEventDefinition')];
    case 'cancel':
      return [def('bpmn:CancelEventDefinition')];
    case 'multiple':
      return [def('bpmn:MessageEventDefinition'), def('bpmn:SignalEventDefinition', {}, '2')];
  }
}

function bounds(moddle: BpmnModdle, b: Box): ModdleElement {
  return moddle.create('dc:Bounds', { x: r1(b.x), y: r1(b.y), width: r1(b.width), height: r1(b.height) });
}

/** The bounds of an external label of `text` centred under (or, `above`, over) a point. */
function labelBox(text: string, cx: number, top: number, width = LABEL_WIDTH): Box {
  const lines = text.trim() ? Math.min(wrapText(text, width, LABEL_SIZE).length, 8) : 1;
  return { x: cx - width / 2, y: top, width, height: lines * LABEL_LINE };
}

/** Everything one map becomes: its collaboration, process, category (phases) and diagram. */
function mapElements(
  moddle: BpmnModdle,
  ids: Ids,
  doc: MapDoc,
  index: number,
  processIds: Map<string, string>,
  options: BpmnExportOptions,
): { roots: ModdleElement[]; diagram: ModdleElement } {
  const down = doc.direction === 'down';
  const size = frameSize(doc.direction);
  // with data objects, lanes get room under (across the flow from) the cards that have them; the cards keep their size
  const g = options.dataObjects ? mapGeometry(doc, withDataRoom(size)) : mapGeometry(doc, size);
  const moveRoute = options.dataObjects ? routeMover(mapGeometry(doc, size), g) : undefined;
  // the map's frame (x along the flow) to the drawing (a top-to-bottom map is drawn transposed)
  const pt = (p: Point): Point => (down ? { x: p.y, y: p.x } : p);
  const box = (b: Box): Box => (down ? { x: b.y, y: b.x, width: b.height, height: b.width } : b);

  const processId = processIds.get(doc.id)!;
  const key = index === 0 ? '' : `${index}_`;
  const process = moddle.create('bpmn:Process', { id: processId, name: xmlText(doc.title), isExecutable: false });
  if (doc.description) process.documentation = [moddle.create('bpmn:Documentation', { text: xmlText(doc.description) })];
  process.extensionElements = moddle.create('bpmn:ExtensionElements', { values: [mapExtension(moddle, doc)] });
  const participant = moddle.create('bpmn:Participant', { id: ids.make('Participant', key + doc.id), name: xmlText(doc.title), processRef: process });
  const collaboration = moddle.create('bpmn:Collaboration', { id: ids.make('Collaboration', key + doc.id), participants: [participant] });
  const flowElements: ModdleElement[] = [];
  const artifacts: ModdleElement[] = [];
  const shapes: ModdleElement[] = [];
  const edges: ModdleElement[] = [];

  // the steps, in reading order
  const steps = readingOrder(doc);
  const nodes = new Map<string, ModdleElement>();
  const frameBoxes = new Map<string, Box>();
  /** Half the drawn shape's extent along the flow, for edges to meet it. */
  const halfAlong = new Map<string, number>();
  const stepShapes: ModdleElement[] = [];
  for (const s of steps) {
    const p = g.positions.get(s.id)!;
    const sz = size(s);
    const fb = { x: p.x, y: p.y, width: sz.width, height: sz.height };
    frameBoxes.set(s.id, fb);
    const linked = s.kind === 'subprocess' && !!s.linkedMapId;
    const node = moddle.create(bpmnType(s, linked), { id: ids.make(stepPrefix(s), key + s.id) });
    if (s.title) node.name = xmlText(s.title);
    if (s.description) node.documentation = [moddle.create('bpmn:Documentation', { text: xmlText(s.description) })];
    node.extensionElements = moddle.create('bpmn:ExtensionElements', { values: [stepExtension(moddle, s)] });
    if (linked) node.calledElement = processIds.get(s.linkedMapId!) ?? ids.make('Process', s.linkedMapId!);
    const defs = eventDefinitions(moddle, ids, s, key + s.id);
    if (defs.length) node.eventDefinitions = defs;
    nodes.set(s.id, node);
    flowElements.push(node);

    // the shape: an activity fills the step's box; a gateway or an event sits in its middle, its name under it
    const cb = box(fb);
    const cx = cb.x + cb.width / 2;
    const cy = cb.y + cb.height / 2;
    const shape = moddle.create('bpmndi:BPMNShape', { id: `${node.id}_di`, bpmnElement: node });
    if (isDiamond(s.kind) || isPill(s.kind)) {
      const d = isDiamond(s.kind) ? GATEWAY : EVENT;
      halfAlong.set(s.id, d / 2);
      shape.bounds = bounds(moddle, { x: cx - d / 2, y: cy - d / 2, width: d, height: d });
      if (isDiamond(s.kind)) shape.isMarkerVisible = true;
      // the name under the shape; in a top-to-bottom map flows leave downwards, so beside it
      const lw = down ? Math.min(LABEL_WIDTH + 20, textWidth(s.title, LABEL_SIZE, 400) + 10) : Math.max(LABEL_WIDTH, cb.width - 20);
      const lb = down ? labelBox(s.title, cx + d / 2 + 6 + lw / 2, 0, lw) : labelBox(s.title, cx, cy + d / 2 + 4, lw);
      if (down) lb.y = cy - lb.height / 2;
      shape.label = moddle.create('bpmndi:BPMNLabel', { bounds: bounds(moddle, lb) });
    } else {
      shape.bounds = bounds(moddle, cb);
      if (s.kind === 'subprocess' && !linked) shape.isExpanded = false;
    }
    stepShapes.push(shape);
  }

  // lanes: one per role, in lane order
  const lanes = orderedRoles(doc).map((role) => {
    const lane = moddle.create('bpmn:Lane', { id: ids.make('Lane', key + role.id), name: xmlText(role.name) });
    lane.extensionElements = moddle.create('bpmn:ExtensionElements', { values: [roleExtension(moddle, role)] });
    lane.flowNodeRef = steps.filter((s) => s.roleId === role.id).map((s) => nodes.get(s.id)!);
    return lane;
  });
  if (lanes.length) process.laneSets = [moddle.create('bpmn:LaneSet', { id: ids.make('LaneSet', key + doc.id), lanes })];

  // flows, with the points the canvas draws them along
  const flows = Object.values(doc.flows)
    .filter((f) => nodes.has(f.fromStepId) && nodes.has(f.toStepId))
    .sort((a, b) => a.id.localeCompare(b.id));
  let right = g.right;
  let bottom = g.bottom;
  /** What the drawing holds so far (drawing coordinates), for the data objects to keep clear of: shapes and names, flow lines. */
  const drawn: Box[] = [];
  const lines: Box[] = [];
  for (const f of flows) {
    const from = nodes.get(f.fromStepId)!;
    const to = nodes.get(f.toStepId)!;
    const flow = moddle.create('bpmn:SequenceFlow', { id: ids.make('Flow', key + f.id), sourceRef: from, targetRef: to });
    if (f.label) flow.name = xmlText(f.label);
    flow.extensionElements = moddle.create('bpmn:ExtensionElements', { values: [flowExtension(moddle, f)] });
    append(from, 'outgoing', flow);
    append(to, 'incoming', flow);
    flowElements.push(flow);

    const placed = moveRoute && f.route ? { ...f, route: moveRoute(f.route) } : f;
    const framePts = attached(flowPoints(placed, frameBoxes.get(f.fromStepId)!, frameBoxes.get(f.toStepId)!), f, frameBoxes, halfAlong);
    for (const p of framePts) {
      right = Math.max(right, p.x);
      bottom = Math.max(bottom, p.y);
    }
    const pts = framePts.map(pt);
    if (options.dataObjects) for (let i = 1; i < pts.length; i++) lines.push(span(pts[i - 1]!, pts[i]!));
    const edge = moddle.create('bpmndi:BPMNEdge', {
      id: `${flow.id}_di`,
      bpmnElement: flow,
      waypoint: pts.map((p) => moddle.create('dc:Point', { x: r1(p.x), y: r1(p.y) })),
    });
    if (f.label.trim()) {
      const mid = midpoint(pts);
      const w = Math.min(120, textWidth(f.label, LABEL_SIZE, 400) + 8);
      const lb = labelBox(f.label, mid.x, 0, w);
      edge.label = moddle.create('bpmndi:BPMNLabel', { bounds: bounds(moddle, { ...lb, y: mid.y - lb.height - 2 }) });
      drawn.push({ ...lb, y: mid.y - lb.height - 2 });
    }
    edges.push(edge);
  }

  // notes of the canvas as text annotations where the canvas draws them (upright), an annotation joined to its step
  for (const note of Object.values(doc.notes ?? {}).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const at = pt(notePlace(doc, note, g));
    const ns = noteSize(note);
    const nb = { x: at.x, y: at.y, width: ns.width, height: ns.height };
    const annotation = moddle.create('bpmn:TextAnnotation', { id: ids.make('TextAnnotation', key + note.id), text: xmlText(note.text) });
    annotation.extensionElements = moddle.create('bpmn:ExtensionElements', { values: [noteExtension(moddle, note)] });
    artifacts.push(annotation);
    shapes.push(moddle.create('bpmndi:BPMNShape', { id: `${annotation.id}_di`, bpmnElement: annotation, bounds: bounds(moddle, nb) }));
    const step = note.stepId ? nodes.get(note.stepId) : undefined;
    if (step) {
      const association = moddle.create('bpmn:Association', { id: ids.make('Association', key + note.id), associationDirection: 'None', sourceRef: step, targetRef: annotation });
      artifacts.push(association);
      const sb = box(frameBoxes.get(note.stepId!)!);
      const line = noteConnector({ x: nb.x, y: nb.y, w: nb.width, h: nb.height }, { x: sb.x, y: sb.y, w: sb.width, h: sb.height });
      edges.push(
        moddle.create('bpmndi:BPMNEdge', {
          id: `${association.id}_di`,
          bpmnElement: association,
          waypoint: [line.to, line.from].map((p) => moddle.create('dc:Point', { x: r1(p.x), y: r1(p.y) })),
        }),
      );
    }
  }

  // inputs and outputs as data objects, when asked: one object per item, a reference beside each step using it, in its lane
  if (options.dataObjects) {
    for (const sh of stepShapes) {
      drawn.push(boundsOf(sh));
      if (sh.label) drawn.push(boundsOf(sh.label as ModdleElement));
    }
    for (const sh of shapes) drawn.push(boundsOf(sh)); // the notes
    const laneRight = Math.max(right + 200, g.right + 200, LANE_LEFT + LANE_HEADER_WIDTH + 360);
    const bands = new Map(g.lanes.map((l) => [l.role.id, box({ x: LANE_LEFT + 2 * POOL_HEADER + 4, y: l.top + 4, width: laneRight - LANE_LEFT - 2 * POOL_HEADER - 8, height: l.height - 8 })]));
    const extent = dataObjects(moddle, ids, key, steps, nodes, frameBoxes, box, bands, drawn, lines, flowElements, shapes, edges);
    if (extent) {
      const fe = box(extent);
      right = Math.max(right, fe.x + fe.width);
      bottom = Math.max(bottom, fe.y + fe.height);
    }
  }
  // the pool and its lanes first in the drawing (under everything else)
  const under: ModdleElement[] = [];

  // the pool and its lanes, where the canvas draws the lane bands
  const contentRight = Math.max(right + 40, g.columns.length ? g.columns[g.columns.length - 1]!.left + g.columns[g.columns.length - 1]!.width : 0, LANE_LEFT + LANE_HEADER_WIDTH + 360);
  const poolBottom = Math.max(bottom, g.lanes.length ? g.bottom : 160);
  const poolShape = moddle.create('bpmndi:BPMNShape', {
    id: `${participant.id}_di`,
    bpmnElement: participant,
    isHorizontal: !down,
    bounds: bounds(moddle, box({ x: LANE_LEFT, y: 0, width: contentRight - LANE_LEFT, height: poolBottom })),
  });
  under.push(poolShape);
  g.lanes.forEach((l, i) => {
    const last = i === g.lanes.length - 1;
    under.push(
      moddle.create('bpmndi:BPMNShape', {
        id: `${lanes[i]!.id}_di`,
        bpmnElement: lanes[i],
        isHorizontal: !down,
        bounds: bounds(moddle, box({ x: LANE_LEFT + POOL_HEADER, y: l.top, width: contentRight - LANE_LEFT - POOL_HEADER, height: last ? poolBottom - l.top : l.height })),
      }),
    );
  });

  // phases: a group around each column, named by a category value, its name in the header band
  const phaseColumns = g.columns.filter((c) => c.phase);
  let category: ModdleElement | undefined;
  if (phaseColumns.length) {
    category = moddle.create('bpmn:Category', { id: ids.make('Category', key + doc.id), categoryValue: [] });
    const head = down ? PHASE_HEADER_DOWN : PHASE_HEADER_HEIGHT;
    for (const c of phaseColumns) {
      const phase = c.phase!;
      const value = moddle.create('bpmn:CategoryValue', { id: ids.make('CategoryValue', key + phase.id), value: xmlText(phase.name) });
      (category.categoryValue as ModdleElement[]).push(value);
      const group = moddle.create('bpmn:Group', { id: ids.make('Group', key + phase.id), categoryValueRef: value });
      artifacts.push(group);
      const gb = { x: c.left + 12, y: -head, width: c.width - 24, height: poolBottom + head };
      const lb = down ? { x: -head + 6, y: c.left + 8, width: head - 12, height: Math.min(c.width - 16, 60) } : { x: c.left + 10, y: -head + 6, width: c.width - 20, height: head - 12 };
      under.push(
        moddle.create('bpmndi:BPMNShape', {
          id: `${group.id}_di`,
          bpmnElement: group,
          bounds: bounds(moddle, box(gb)),
          label: moddle.create('bpmndi:BPMNLabel', { bounds: bounds(moddle, lb) }),
        }),
      );
    }
  }

  process.flowElements = flowElements;
  if (artifacts.length) process.artifacts = artifacts;
  shapes.unshift(...under);
  shapes.push(...stepShapes);

  const plane = moddle.create('bpmndi:BPMNPlane', { id: ids.make('BPMNPlane', key + doc.id), bpmnElement: collaboration, planeElement: [...shapes, ...edges] });
  const diagram = moddle.create('bpmndi:BPMNDiagram', { id: ids.make('BPMNDiagram', key + doc.id), name: xmlText(doc.title), plane });
  const roots = [collaboration, process];
  if (category) roots.push(category);
  return { roots, diagram };
}

/** Adds `item` to an element's list property. */
function append(element: ModdleElement, property: string, item: ModdleElement): void {
  const list = element[property] as ModdleElement[] | undefined;
  if (list) list.push(item);
  else element[property] = [item];
}

function stepPrefix(s: Step): string {
  if (isDiamond(s.kind)) return 'Gateway';
  if (isPill(s.kind)) return 'Event';
  return 'Activity';
}

/**
 * A flow's points made to meet the drawn shapes: a gateway or an event is smaller than the step's
 * box, so the first and last points move in to its edge along the flow (the segment stays straight).
 */
function attached(points: Point[], f: Flow, boxes: Map<string, Box>, half: Map<string, number>): Point[] {
  const pts = points.map((p) => ({ ...p }));
  const fromHalf = half.get(f.fromStepId);
  if (fromHalf !== undefined) {
    const b = boxes.get(f.fromStepId)!;
    const edge = { x: b.x + b.width / 2 + fromHalf, y: pts[0]!.y };
    if (pts.length > 1 && Math.abs(pts[1]!.y - pts[0]!.y) < 0.5) pts[0] = edge;
    else pts.unshift(edge);
  }
  const toHalf = half.get(f.toStepId);
  if (toHalf !== undefined) {
    const b = boxes.get(f.toStepId)!;
    const n = pts.length - 1;
    const edge = { x: b.x + b.width / 2 - toHalf, y: pts[n]!.y };
    if (n > 0 && Math.abs(pts[n - 1]!.y - pts[n]!.y) < 0.5) pts[n] = edge;
    else pts.push(edge);
  }
  return pts;
}

/** Data objects, their references beside the steps (in the step's lane, clear of other shapes: dataPlaces.ts), and data input / output associations. Returns the box they take (drawing coordinates). */
function dataObjects(
  moddle: BpmnModdle,
  ids: Ids,
  key: string,
  steps: Step[],
  nodes: Map<string, ModdleElement>,
  frameBoxes: Map<string, Box>,
  box: (b: Box) => Box,
  bands: Map<string, Box>,
  drawn: Box[],
  lines: Box[],
  flowElements: ModdleElement[],
  shapes: ModdleElement[],
  edges: ModdleElement[],
): Box | undefined {
  const objects = new Map<string, ModdleElement>();
  const objectOf = (item: string) => {
    let o = objects.get(item);
    if (!o) {
      o = moddle.create('bpmn:DataObject', { id: ids.make('DataObject', `${key}${objects.size + 1}`), name: xmlText(item) });
      objects.set(item, o);
      flowElements.push(o);
    }
    return o;
  };
  // only activities take data associations in BPMN; the other steps keep their items in the extension elements
  const users = steps
    .filter((s) => (s.kind === 'task' || s.kind === 'subprocess') && s.inputs.length + s.outputs.length > 0)
    .map((s) => ({ s, items: [...s.inputs.map((i) => ({ item: i, input: true })), ...s.outputs.map((i) => ({ item: i, input: false }))] }));
  const places = placeDataBlocks(
    users.map(({ s, items }) => {
      const card = box(frameBoxes.get(s.id)!);
      return { card, band: bands.get(s.roleId) ?? { x: -1e9, y: -1e9, width: 2e9, height: 2e9 }, labelHeights: (pitch: number) => items.map(({ item }) => labelBox(item, 0, 0, pitch - 6).height) };
    }),
    drawn,
    lines,
  );
  let extent: { x0: number; y0: number; x1: number; y1: number } | undefined;
  const grow = (b: Box) => {
    extent = extent ?? { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
    extent = { x0: Math.min(extent.x0, b.x), y0: Math.min(extent.y0, b.y), x1: Math.max(extent.x1, b.x + b.width), y1: Math.max(extent.y1, b.y + b.height) };
  };
  users.forEach(({ s, items }, k) => {
    const node = nodes.get(s.id)!;
    const cb = box(frameBoxes.get(s.id)!);
    // no free place in the lane (a crowded one): a row under the card, as before
    const place = places[k] ?? {
      pitch: 72,
      objects: items.map((_, i) => ({ x: cb.x + cb.width / 2 - (items.length * 72) / 2 + i * 72 + (72 - DATA_W) / 2, y: cb.y + cb.height + 10, width: DATA_W, height: DATA_H })),
    };
    items.forEach(({ item, input }, i) => {
      const ref = moddle.create('bpmn:DataObjectReference', { id: ids.make('DataObjectReference', `${key}${s.id}_${i + 1}`), name: xmlText(item), dataObjectRef: objectOf(item) });
      flowElements.push(ref);
      const rb = place.objects[i]!;
      const lb = labelBox(item, rb.x + DATA_W / 2, rb.y + DATA_H + 2, place.pitch - 6);
      grow(rb);
      grow(lb);
      shapes.push(
        moddle.create('bpmndi:BPMNShape', {
          id: `${ref.id}_di`,
          bpmnElement: ref,
          bounds: bounds(moddle, rb),
          label: moddle.create('bpmndi:BPMNLabel', { bounds: bounds(moddle, lb) }),
        }),
      );
      // the association: the straight line between the two shapes' borders
      const [onObject, onStep] = between(rb, cb);
      let association: ModdleElement;
      if (input) {
        // as bpmn-js writes them: the target is a placeholder property of the activity
        const prop = moddle.create('bpmn:Property', { id: ids.make('Property', `${key}${s.id}_${i + 1}`), name: '__targetRef_placeholder' });
        append(node, 'properties', prop);
        association = moddle.create('bpmn:DataInputAssociation', { id: ids.make('DataInputAssociation', `${key}${s.id}_${i + 1}`), sourceRef: [ref], targetRef: prop });
        append(node, 'dataInputAssociations', association);
      } else {
        association = moddle.create('bpmn:DataOutputAssociation', { id: ids.make('DataOutputAssociation', `${key}${s.id}_${i + 1}`), targetRef: ref });
        append(node, 'dataOutputAssociations', association);
      }
      edges.push(
        moddle.create('bpmndi:BPMNEdge', {
          id: `${association.id}_di`,
          bpmnElement: association,
          waypoint: (input ? [onObject, onStep] : [onStep, onObject]).map((p) => moddle.create('dc:Point', { x: r1(p.x), y: r1(p.y) })),
        }),
      );
    });
  });
  const e = extent;
  return e ? { x: e.x0, y: e.y0, width: e.x1 - e.x0, height: e.y1 - e.y0 } : undefined;
}

/** The line between two boxes' centres, cut at each box's border: [on a, on b]. */
function between(a: Box, b: Box): [Point, Point] {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const exit = (c: Point, r: Box, to: Point): Point => {
    const dx = to.x - c.x;
    const dy = to.y - c.y;
    if (dx === 0 && dy === 0) return c;
    const tx = dx === 0 ? Infinity : r.width / 2 / Math.abs(dx);
    const ty = dy === 0 ? Infinity : r.height / 2 / Math.abs(dy);
    const t = Math.min(tx, ty, 1);
    return { x: c.x + dx * t, y: c.y + dy * t };
  };
  return [exit(ca, a, cb), exit(cb, b, ca)];
}

/** Room across the flow made in a lane under a card with data objects (px): a row of them with two lines of names. */
const DATA_ROOM = DATA_H + 2 + 2 * LABEL_LINE + 20;

/** Step sizes for sizing the lanes: an activity with inputs or outputs counts DATA_ROOM taller. */
function withDataRoom(size: SizeFn): SizeFn {
  return (s) => {
    const own = size(s);
    const step = s as Step;
    const has = (step.kind === 'task' || step.kind === 'subprocess') && (step.inputs?.length ?? 0) + (step.outputs?.length ?? 0) > 0;
    return has ? { width: own.width, height: own.height + DATA_ROOM } : own;
  };
}

/** A stored route moved with its lanes when they were made taller: each point by its lane's shift (a route stays orthogonal). */
function routeMover(before: ReturnType<typeof mapGeometry>, after: ReturnType<typeof mapGeometry>): (route: Point[]) => Point[] {
  const shifts = before.lanes.map((l, i) => ({ top: l.top, bottom: l.top + l.height, by: (after.lanes[i]?.top ?? l.top) - l.top }));
  const last = shifts[shifts.length - 1];
  const by = (y: number) => (shifts.find((l) => y >= l.top && y <= l.bottom) ?? (last && y > last.bottom ? last : undefined))?.by ?? 0;
  return (route) => route.map((p) => ({ x: p.x, y: p.y + by(p.y) }));
}

/** A flow's segment as a thin box (drawing coordinates). */
function span(a: Point, b: Point): Box {
  return { x: Math.min(a.x, b.x) - 1, y: Math.min(a.y, b.y) - 1, width: Math.abs(a.x - b.x) + 2, height: Math.abs(a.y - b.y) + 2 };
}

/** A shape's or label's bounds as a box. */
function boundsOf(el: ModdleElement): Box {
  const b = el.bounds as { x: number; y: number; width: number; height: number };
  return { x: b.x, y: b.y, width: b.width, height: b.height };
}

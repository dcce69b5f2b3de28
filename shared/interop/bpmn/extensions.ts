/// <reference path="./bpmn-moddle.d.ts" />
/**
 * Lanemap's own extension namespace in BPMN files: what BPMN has no place for (items, durations,
 * waits, RACI, phases, pain points, colours, the map's properties) is written in extension
 * elements described by a moddle descriptor, so Lanemap reads its own files back with nothing
 * lost while other tools see standard BPMN.
 * PLACEHOLDER: the export engineer owns this file and fills it in; the import engineer calls
 * `createModdle` and the `…DataOf` readers. The signatures are agreed: do not change them.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import type { Flow, MapDoc, Role, Step } from '../../model/types';

export type { ModdleElement };

export const LANEMAP_NS = 'https://lanemap.app/schema/bpmn/1.0';
export const LANEMAP_PREFIX = 'lanemap';

/** The moddle descriptor of the Lanemap namespace (types, their properties). */
export const lanemapDescriptor = {
  name: 'Lanemap',
  uri: LANEMAP_NS,
  prefix: LANEMAP_PREFIX,
  xml: { tagAlias: 'lowerCase' },
  types: [] as unknown[],
};

/** A bpmn-moddle that knows the Lanemap namespace (use it both to write and to read). */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ [LANEMAP_PREFIX]: lanemapDescriptor });
}

/**
 * What Lanemap wrote on a flow node (task, gateway, event, call activity…), read back; undefined
 * when the element carries none. Includes the step's original Lanemap `id`, so comments and pain
 * points in `mapDataOf` still find it. What BPMN itself says (name, lane, position, flows) is read
 * by the import from the BPMN; this is the rest.
 */
export function stepDataOf(element: ModdleElement): Partial<Step> | undefined {
  void element;
  return undefined;
}

/** What Lanemap wrote on a sequence or message flow (its id, share, route…); undefined when none. */
export function flowDataOf(element: ModdleElement): Partial<Flow> | undefined {
  void element;
  return undefined;
}

/** What Lanemap wrote on a lane (the role's id and colour); undefined when none. */
export function laneDataOf(element: ModdleElement): Partial<Role> | undefined {
  void element;
  return undefined;
}

/**
 * What Lanemap wrote on a process: the map's own fields (id, title, description, direction,
 * purpose, owner, status, approval, dates, phases with their KPIs, comments, pain points, notes,
 * SWOT, review cycle, findings set aside); undefined when none (a file from another tool).
 */
export function mapDataOf(process: ModdleElement): Partial<MapDoc> | undefined {
  void process;
  return undefined;
}

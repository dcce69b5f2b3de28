/** A map being made from BPMN: the map, plus what the drawing (BPMN DI) said about its parts, for placing them. */
import type { MapDoc, Point } from '../../../model/types';
import { IdMaker, type DiBox } from './common';

export interface GroupBox {
  name: string;
  box: DiBox;
  /** The group's own id in the file (for the phase's id). */
  sourceId: string;
  /** The phase made from it, when the groups became phases. */
  phaseId?: string;
}

export interface Draft {
  doc: MapDoc;
  /** Step id -> its box in the BPMN drawing. */
  boxes: Map<string, DiBox>;
  /** Role id -> the lane's (or pool's) box in the drawing. */
  bands: Map<string, DiBox>;
  /** Flow id -> the edge's waypoints in the drawing. */
  edges: Map<string, Point[]>;
  /** A boundary event's step id -> the step of the task it sits on. */
  hosts: Map<string, string>;
  /** Sticky notes (text annotations attached to nothing) -> their box in the drawing. */
  noteBoxes: Map<string, DiBox>;
  /** Groups of the drawing that may be the map's phases. */
  groups: GroupBox[];
  /** Lanes drawn top to bottom (BPMN DI isHorizontal=false): the map reads top to bottom. */
  vertical: boolean;
  /** The map was written by Lanemap (its extension data is present): positions are read back exactly. */
  fromLanemap: boolean;
  /** For a file Lanemap wrote: each step's stored x and y, used where the drawing still agrees with them. */
  stored: Map<string, Point>;
  /** "from\u0000to" of every flow made, so a second flow between the same steps is found at once. */
  pairs: Set<string>;
  /** Ids of this map's parts (unique within the map, as Lanemap wants). */
  ids: IdMaker;
}

export function newDraft(doc: MapDoc): Draft {
  return { doc, boxes: new Map(), bands: new Map(), edges: new Map(), hosts: new Map(), noteBoxes: new Map(), groups: [], vertical: false, fromLanemap: false, stored: new Map(), pairs: new Set(), ids: new IdMaker() };
}

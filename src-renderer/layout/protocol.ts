/** Messages between the editor and the layout worker. */
import type { CommandArgs } from '../../shared/model/commands';
import type { MapDoc } from '../../shared/model/types';

export interface LayoutRequest {
  id: number;
  doc: MapDoc;
  /** Cards drawn this much taller (an export with details): laid out with room for it. */
  extraHeights?: Record<string, number>;
}

export type LayoutReply = { id: number; ok: true; args: CommandArgs<'tidyUp'>; warnings: string[]; ms: number } | { id: number; ok: false; message: string };

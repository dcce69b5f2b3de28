/**
 * A bundled template file: a map, plus — for a landscape — `links` from its sub-process steps
 * to the templates that detail them (step id -> template base name, e.g. `lead-qualification`).
 * Read the same way by the app (src-main/services/templates.ts) and the command line.
 */
import { MapDocSchema, describeIssues } from './schema';
import type { MapDoc } from './types';

export interface TemplateFile {
  doc: MapDoc;
  links: Record<string, string>;
}

/** The template's map and links, or an Error saying what is wrong with file `id`. */
export function parseTemplate(id: string, data: unknown): TemplateFile {
  const { links = {}, ...map } = (data ?? {}) as { links?: Record<string, string> };
  const parsed = MapDocSchema.safeParse(map);
  if (!parsed.success) throw new Error(`The template ${id} is invalid: ${describeIssues(parsed.error)}`);
  for (const stepId of Object.keys(links)) {
    if (parsed.data.steps[stepId]?.kind !== 'subprocess') throw new Error(`The template ${id} links ${stepId}, which is not a sub-process step.`);
  }
  return { doc: parsed.data, links };
}

/**
 * Validates XML against the BPMN 2.0 XSDs that bpmn-moddle ships, with xmllint (Debian's
 * libxml2-utils, installed by .ci/run): a real validator no one here wrote.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const BPMN_XSD = path.resolve('node_modules/bpmn-moddle/resources/bpmn/xsd/BPMN20.xsd');

/** The validator's complaints about `xml` (empty: valid). Throws when xmllint is missing. */
export function bpmnXsdErrors(xml: string, schema = BPMN_XSD): string[] {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`xmllint could not be run (install libxml2-utils): ${run.error.message}`);
  const lines = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^- validates$/.test(l));
  if (run.status !== 0 && lines.length === 0) lines.push(`xmllint exited with ${run.status}`);
  return lines;
}

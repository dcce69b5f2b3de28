/** What every soak scenario reports, and small helpers they share. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ScenarioResult {
  name: string;
  /** Edits (or writes, or imports) the backend answered "ok" to. */
  acknowledged: number;
  /** Acknowledged edits missing from the library, or edits lost without their author being told. */
  lost: number;
  /** Edits refused as a conflict and reported to their author. */
  conflicts: number;
  /** Backends that died without being killed, failed to start, or stopped answering. */
  crashes: number;
  /** Library changes made by refused input. */
  changes: number;
  /** Other figures worth printing (writes failed, internal errors, …). */
  extra: Record<string, number>;
  /** What went wrong, in a few lines (first ones only). */
  notes: string[];
  seconds: number;
}

export function newResult(name: string): ScenarioResult {
  return { name, acknowledged: 0, lost: 0, conflicts: 0, crashes: 0, changes: 0, extra: {}, notes: [], seconds: 0 };
}

/** Keeps the first notes only: one bad run must not flood the terminal. */
export function note(r: ScenarioResult, text: string, max = 12): void {
  if (r.notes.length < max) r.notes.push(text);
  else if (r.notes.length === max) r.notes.push('… (more)');
}

export const bump = (r: ScenarioResult, key: string, by = 1) => void (r.extra[key] = (r.extra[key] ?? 0) + by);

/** The tests' seeded generator (mulberry32), to pick edits reproducibly. */
export { rng } from '../tests/support/randomMaps';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const dirs: string[] = [];
/** A fresh temp folder for one scenario's library files; `removeTempDirs()` deletes them all. */
export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lanemap-soak-${label}-`));
  dirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Runs `body` and times it; a throw becomes a note (and a crash of the soak itself). */
export async function timed(r: ScenarioResult, body: () => Promise<void>): Promise<ScenarioResult> {
  const t0 = performance.now();
  try {
    await body();
  } catch (e) {
    bump(r, 'soak errors');
    note(r, `the scenario itself failed: ${(e as Error).stack ?? String(e)}`);
  }
  r.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return r;
}

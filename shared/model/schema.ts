/**
 * Runtime schemas for everything that crosses a process boundary or comes from a file.
 * Strict objects: unknown keys are rejected rather than silently stored.
 */
import { z } from 'zod';
import { DIRECTIONS, DURATION_UNITS, LIMITS, STEP_KINDS } from './types';

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, - and _')
  // these would be dropped by object records (and are never our own ids)
  .refine((id) => !['__proto__', 'constructor', 'prototype'].includes(id), 'this id is reserved');
const finite = z.number().finite();
const coord = finite.min(-1e7).max(1e7);
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const nonEmpty = (max: number) => text(max).refine((s) => s.trim().length > 0, 'must not be empty');
export const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be like #4f7cff');

export const RoleSchema = z.object({ id: IdSchema, name: nonEmpty(LIMITS.roleName), color: ColorSchema, order: z.number().int().min(0).max(10_000) }).strict();

export const PhaseSchema = z.object({ id: IdSchema, name: nonEmpty(LIMITS.roleName), order: z.number().int().min(0).max(10_000) }).strict();

const ItemListSchema = z.array(nonEmpty(LIMITS.itemLabel)).max(LIMITS.itemsPerList);

export const StepSchema = z
  .object({
    id: IdSchema,
    kind: z.enum(STEP_KINDS),
    title: text(LIMITS.title),
    description: text(LIMITS.description),
    roleId: IdSchema,
    phaseId: IdSchema.nullable(),
    x: coord,
    y: coord,
    duration: z
      .object({ value: finite.min(0).max(1e6), unit: z.enum(DURATION_UNITS) })
      .strict()
      .nullable(),
    pinned: z.boolean().optional(),
    inputs: ItemListSchema,
    outputs: ItemListSchema,
    resources: ItemListSchema,
  })
  .strict();

export const FlowSchema = z
  .object({
    id: IdSchema,
    fromStepId: IdSchema,
    toStepId: IdSchema,
    label: text(LIMITS.flowLabel),
    route: z
      .array(z.object({ x: coord, y: coord }).strict())
      .max(500)
      .optional(),
  })
  .strict()
  .refine((f) => f.fromStepId !== f.toStepId, 'a flow cannot connect a step to itself');

export const MapTitleSchema = nonEmpty(LIMITS.mapTitle);

/**
 * The rows an edit changed: what to write (insert or replace) and what to delete.
 * Produced by `diffMaps`, applied by the storage in one transaction.
 */
export const MapChangesSchema = z
  .object({
    map: z
      .object({ title: MapTitleSchema.optional(), description: text(LIMITS.description).optional(), direction: z.enum(DIRECTIONS).optional() })
      .strict()
      .optional(),
    upsert: z
      .object({
        roles: z.array(RoleSchema).max(10_000),
        phases: z.array(PhaseSchema).max(10_000),
        steps: z.array(StepSchema).max(100_000),
        flows: z.array(FlowSchema).max(200_000),
      })
      .strict(),
    remove: z
      .object({
        roles: z.array(IdSchema).max(10_000),
        phases: z.array(IdSchema).max(10_000),
        steps: z.array(IdSchema).max(100_000),
        flows: z.array(IdSchema).max(200_000),
      })
      .strict(),
  })
  .strict();

export type MapChanges = z.infer<typeof MapChangesSchema>;

/** Validates a whole document (e.g. a template), including references between its parts. */
export const MapDocSchema = z
  .object({
    id: IdSchema,
    title: MapTitleSchema,
    description: text(LIMITS.description),
    direction: z.enum(DIRECTIONS).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    roles: z.record(z.string(), RoleSchema),
    phases: z.record(z.string(), PhaseSchema),
    steps: z.record(z.string(), StepSchema),
    flows: z.record(z.string(), FlowSchema),
  })
  .strict()
  .superRefine((doc, ctx) => {
    for (const [key, rec] of [...Object.entries(doc.roles), ...Object.entries(doc.phases), ...Object.entries(doc.steps), ...Object.entries(doc.flows)]) {
      if (key !== rec.id) ctx.addIssue({ code: 'custom', message: `record key ${key} differs from its id ${rec.id}` });
    }
    for (const s of Object.values(doc.steps)) {
      if (!doc.roles[s.roleId]) ctx.addIssue({ code: 'custom', message: `step ${s.id} has unknown role ${s.roleId}` });
      if (s.phaseId && !doc.phases[s.phaseId]) ctx.addIssue({ code: 'custom', message: `step ${s.id} has unknown phase ${s.phaseId}` });
    }
    for (const f of Object.values(doc.flows)) {
      if (!doc.steps[f.fromStepId] || !doc.steps[f.toStepId]) {
        ctx.addIssue({ code: 'custom', message: `flow ${f.id} connects a missing step` });
      }
    }
  });

/** A short, human message for the first problems of a failed parse. */
export function describeIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

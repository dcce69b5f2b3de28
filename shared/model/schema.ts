/**
 * Runtime schemas for everything that crosses a process boundary or comes from a file.
 * Strict objects: unknown keys are rejected rather than silently stored.
 */
import { z } from 'zod';
import { NOTE_MAX_WIDTH, NOTE_MIN_WIDTH, STEP_MAX_WIDTH } from './geometry';
import { own, TABLES } from './rows';
import { COMMENT_TARGETS, DIRECTIONS, DURATION_UNITS, EVENT_TRIGGERS, KPI_DIRECTIONS, LIMITS, MAP_STATUSES, PAIN_KINDS, PURPOSES, RACI_LETTERS, STEP_KINDS, SWOT_QUADRANTS } from './types';

/** Ids that plain objects would treat specially (never our own ids). */
const RESERVED_IDS = ['__proto__', 'constructor', 'prototype'];

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, - and _')
  // names every plain object already has (__proto__, constructor, toString…) would be found in
  // any record by a careless lookup, or dropped by object records: never our own ids
  .refine((id) => !RESERVED_IDS.includes(id) && !(id in Object.prototype), 'this id is reserved');
const finite = z.number().finite();
const coord = finite.min(-1e7).max(1e7);
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const nonEmpty = (max: number) => text(max).refine((s) => s.trim().length > 0, 'must not be empty');
export const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be like #4f7cff');

export const RoleSchema = z.object({ id: IdSchema, name: nonEmpty(LIMITS.roleName), color: ColorSchema, order: z.number().int().min(0).max(10_000) }).strict();

/** A KPI's figure: any finite number (a target or a current value), or null when not said. */
const kpiValue = finite.min(-1e12).max(1e12).nullable();
export const KpiSchema = z
  .object({
    id: IdSchema,
    name: nonEmpty(LIMITS.kpiName),
    unit: text(LIMITS.kpiUnit),
    target: kpiValue,
    current: kpiValue,
    better: z.enum(KPI_DIRECTIONS),
  })
  .strict();
export const KpisSchema = z
  .array(KpiSchema)
  .max(LIMITS.kpisPerItem)
  .refine((list) => new Set(list.map((k) => k.id)).size === list.length, 'two KPIs have the same id');

export const PhaseSchema = z
  .object({ id: IdSchema, name: nonEmpty(LIMITS.roleName), order: z.number().int().min(0).max(10_000), kpis: KpisSchema.optional() })
  .strict();

const ItemListSchema = z.array(nonEmpty(LIMITS.itemLabel)).max(LIMITS.itemsPerList);

export const DurationSchema = z.object({ value: finite.min(0).max(1e6), unit: z.enum(DURATION_UNITS) }).strict();

/** Role id -> A, C or I; keys are ids (never a name plain objects already have). */
export const RaciSchema = z
  .record(IdSchema, z.enum(RACI_LETTERS))
  .refine((r) => Object.keys(r).length <= 1_000, 'at most 1000 roles in a RACI row');

export const ItemPartySchema = z.object({ kind: z.enum(['inputs', 'outputs']), item: nonEmpty(LIMITS.itemLabel), party: nonEmpty(LIMITS.party) }).strict();

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
    duration: DurationSchema.nullable(),
    pinned: z.boolean().optional(),
    linkedMapId: IdSchema.optional(),
    inputs: ItemListSchema,
    outputs: ItemListSchema,
    resources: ItemListSchema,
    wait: DurationSchema.optional(),
    raci: RaciSchema.optional(),
    parties: z
      .array(ItemPartySchema)
      .max(LIMITS.itemsPerList * 2)
      .optional(),
    automation: z.enum(['partial', 'auto']).optional(),
    system: nonEmpty(LIMITS.system).optional(),
    kpis: KpisSchema.optional(),
    width: finite.min(0).max(STEP_MAX_WIDTH).optional(),
    trigger: z.enum(EVENT_TRIGGERS).optional(),
    throwing: z.literal(true).optional(),
  })
  .strict();

/** A note on the canvas: its text (may be empty while being written), place, width and the step it annotates. */
export const NoteSchema = z
  .object({
    id: IdSchema,
    text: text(LIMITS.note),
    x: coord,
    y: coord,
    width: finite.min(NOTE_MIN_WIDTH).max(NOTE_MAX_WIDTH).optional(),
    stepId: IdSchema.optional(),
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
    share: finite.min(0).max(100).optional(),
    message: z.literal(true).optional(),
  })
  .strict()
  .refine((f) => f.fromStepId !== f.toStepId, 'a flow cannot connect a step to itself');

export const MapTitleSchema = nonEmpty(LIMITS.mapTitle);

/** A real date and time in ISO 8601 (as `Date.prototype.toISOString` writes, or with an offset). */
export const TimestampSchema = z
  .string()
  .max(40, 'must be a date and time')
  .pipe(z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-11-30T09:00:00Z' }));
const timestamp = TimestampSchema;
export const AuthorSchema = text(LIMITS.author);
export const VersionNameSchema = nonEmpty(LIMITS.versionName);
export const ApprovalSchema = z.object({ by: AuthorSchema, at: timestamp }).strict();

/** A rule of the checks, by its id (rules a later Lanemap adds are kept as they are). */
export const RuleIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a rule is named by its id, like dead-end');
export const DismissalSchema = z
  .object({
    rule: RuleIdSchema,
    targetKind: z.enum(['map', 'step', 'flow', 'role', 'phase']),
    targetId: IdSchema.nullable(),
    item: text(LIMITS.itemLabel).optional(),
    reason: nonEmpty(LIMITS.reason),
    by: AuthorSchema,
    at: timestamp,
  })
  .strict()
  .refine((d) => (d.targetKind === 'map') === (d.targetId === null), 'a dismissal on the map has no target id; one on a part of it has one');
export const DismissalsSchema = z.array(DismissalSchema).max(LIMITS.dismissals);
export const RulesOffSchema = z.array(RuleIdSchema).max(100);

export const SwotNoteSchema = z
  .object({
    id: IdSchema,
    quadrant: z.enum(SWOT_QUADRANTS),
    text: nonEmpty(LIMITS.swotNote),
    stepIds: z.array(IdSchema).max(LIMITS.itemsPerList),
  })
  .strict();
export const SwotSchema = z
  .array(SwotNoteSchema)
  .max(LIMITS.swotNotes)
  .refine((list) => new Set(list.map((n) => n.id)).size === list.length, 'two SWOT notes have the same id');

/** A calendar date, YYYY-MM-DD, that exists (no 30 February). */
export const DateSchema = z
  .string()
  .max(10)
  .pipe(z.iso.date({ message: 'must be a date like 2027-05-31' }));
export const ReviewMonthsSchema = z.number().int().min(0).max(LIMITS.reviewMonths);

export const CommentSchema = z
  .object({
    id: IdSchema,
    targetKind: z.enum(COMMENT_TARGETS),
    targetId: IdSchema.nullable(),
    parentId: IdSchema.nullable(),
    author: AuthorSchema,
    text: nonEmpty(LIMITS.comment),
    createdAt: timestamp,
    resolvedAt: timestamp.nullable(),
    resolvedBy: AuthorSchema.nullable(),
  })
  .strict()
  .refine((c) => (c.targetKind === 'map') === (c.targetId === null), 'a comment on the map has no target id; one on a step or flow has one');

export const PainPointSchema = z
  .object({ id: IdSchema, stepId: IdSchema, kind: z.enum(PAIN_KINDS), votes: z.number().int().min(1).max(1_000_000), createdAt: timestamp })
  .strict();

/** The map's own fields an edit may change (null clears an optional one). */
const MapFieldsSchema = z
  .object({
    title: MapTitleSchema.optional(),
    description: text(LIMITS.description).optional(),
    direction: z.enum(DIRECTIONS).optional(),
    purpose: z.enum(PURPOSES).nullable().optional(),
    owner: text(LIMITS.owner).optional(),
    status: z.enum(MAP_STATUSES).optional(),
    approval: ApprovalSchema.nullable().optional(),
    dismissed: DismissalsSchema.optional(),
    rulesOff: RulesOffSchema.optional(),
    swot: SwotSchema.optional(),
    reviewEveryMonths: ReviewMonthsSchema.nullable().optional(),
    nextReview: DateSchema.nullable().optional(),
  })
  .strict();

/** The names of a table's fields other than its id, from its schema. */
function fieldNames(schema: { shape: Record<string, unknown> }): string[] {
  return Object.keys(schema.shape).filter((k) => k !== 'id');
}

/**
 * What an edit expects to find stored for one row: null for a row it adds, else the old values
 * of the fields it changes (absent optional fields as null), or the whole old row it deletes.
 * Only compared with what is stored, never written.
 */
function expectationsOf(schema: { shape: Record<string, z.ZodType> }, max: number) {
  return z.array(z.object({ id: IdSchema, before: beforeOf(schema).nullable() }).strict()).max(max);
}

/** Old values of a row's fields, each checked like the field itself (absent optional fields as null). */
function beforeOf(schema: { shape: Record<string, z.ZodType> }) {
  const fields = fieldNames(schema).map((k) => [k, schema.shape[k]!.nullable().optional()] as const);
  return z.object(Object.fromEntries(fields)).strict();
}

const MapExpectationSchema = z
  .object({
    map: beforeOf(MapFieldsSchema).optional(),
    roles: expectationsOf(RoleSchema, 20_000),
    phases: expectationsOf(PhaseSchema, 20_000),
    steps: expectationsOf(StepSchema, 200_000),
    flows: expectationsOf(FlowSchema, 400_000),
    comments: expectationsOf(CommentSchema, 200_000),
    painPoints: expectationsOf(PainPointSchema, 200_000),
    notes: expectationsOf(NoteSchema, 20_000).default([]),
  })
  .strict();
export type MapExpectation = z.infer<typeof MapExpectationSchema>;

/**
 * The rows an edit changed: what to write (insert or update), what to delete, and what the
 * editor expects to find stored for each of them. Produced by `diffMaps`, applied by the
 * storage in one transaction, refused as a conflict when an expectation fails.
 */
export const MapChangesSchema = z
  .object({
    map: MapFieldsSchema.optional(),
    upsert: z
      .object({
        roles: z.array(RoleSchema).max(10_000),
        phases: z.array(PhaseSchema).max(10_000),
        steps: z.array(StepSchema).max(100_000),
        flows: z.array(FlowSchema).max(200_000),
        comments: z.array(CommentSchema).max(100_000).default([]),
        painPoints: z.array(PainPointSchema).max(100_000).default([]),
        notes: z.array(NoteSchema).max(10_000).default([]),
      })
      .strict(),
    remove: z
      .object({
        roles: z.array(IdSchema).max(10_000),
        phases: z.array(IdSchema).max(10_000),
        steps: z.array(IdSchema).max(100_000),
        flows: z.array(IdSchema).max(200_000),
        comments: z.array(IdSchema).max(100_000).default([]),
        painPoints: z.array(IdSchema).max(100_000).default([]),
        notes: z.array(IdSchema).max(10_000).default([]),
      })
      .strict(),
    expect: MapExpectationSchema,
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const key of Object.keys(c.map ?? {})) {
      if (!c.expect.map || !Object.hasOwn(c.expect.map, key))
        ctx.addIssue({ code: 'custom', message: `the change of the map's ${key} does not say what it expects` });
    }
    for (const t of TABLES) {
      const expected = new Map<string, object | null>();
      for (const e of c.expect[t]) {
        if (expected.has(e.id)) ctx.addIssue({ code: 'custom', message: `${t} ${e.id} is expected twice` });
        expected.set(e.id, e.before);
      }
      const seen = new Set<string>();
      for (const id of [...c.upsert[t].map((r) => r.id), ...c.remove[t]]) {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `${t} ${id} is changed twice in one edit` });
        seen.add(id);
        if (!expected.has(id)) ctx.addIssue({ code: 'custom', message: `the change of ${t} ${id} does not say what it expects` });
      }
      for (const id of c.remove[t]) {
        if (expected.get(id) === null) ctx.addIssue({ code: 'custom', message: `the removal of ${t} ${id} does not say what it expects` });
      }
    }
  });

export type MapChanges = z.infer<typeof MapChangesSchema>;

/**
 * A record keyed by id. A key such as `__proto__` would be dropped without a word by a plain
 * object record, so a file that uses one is refused instead.
 */
function recordOf<T extends z.ZodType>(value: T) {
  return z.preprocess(
    (input, ctx) => {
      if (input && typeof input === 'object') {
        for (const key of RESERVED_IDS) {
          if (Object.hasOwn(input, key)) ctx.addIssue({ code: 'custom', message: `a record is filed under the reserved key ${key}`, input });
        }
      }
      return input;
    },
    z.record(z.string().max(64, 'record keys are ids of at most 64 characters'), value),
  );
}

/** Validates a whole document (e.g. a template), including references between its parts. */
export const MapDocSchema = z
  .object({
    id: IdSchema,
    title: MapTitleSchema,
    description: text(LIMITS.description),
    direction: z.enum(DIRECTIONS).optional(),
    purpose: z.enum(PURPOSES).optional(),
    owner: text(LIMITS.owner).optional(),
    status: z.enum(MAP_STATUSES).optional(),
    approval: ApprovalSchema.optional(),
    dismissed: DismissalsSchema.optional(),
    rulesOff: RulesOffSchema.optional(),
    swot: SwotSchema.optional(),
    reviewEveryMonths: ReviewMonthsSchema.optional(),
    nextReview: DateSchema.optional(),
    createdAt: timestamp,
    updatedAt: timestamp,
    roles: recordOf(RoleSchema),
    phases: recordOf(PhaseSchema),
    steps: recordOf(StepSchema),
    flows: recordOf(FlowSchema),
    comments: recordOf(CommentSchema).default({}),
    painPoints: recordOf(PainPointSchema).default({}),
    notes: recordOf(NoteSchema)
      .refine((r) => Object.keys(r).length <= LIMITS.notes, `a map holds at most ${LIMITS.notes} notes`)
      .optional(),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const records = [doc.roles, doc.phases, doc.steps, doc.flows, doc.comments, doc.painPoints, doc.notes ?? {}].flatMap((r) => Object.entries(r) as [string, { id: string }][]);
    for (const [key, rec] of records) {
      if (key !== rec.id) ctx.addIssue({ code: 'custom', message: `record key ${key} differs from its id ${rec.id}` });
    }
    for (const s of Object.values(doc.steps)) {
      if (!own(doc.roles, s.roleId)) ctx.addIssue({ code: 'custom', message: `step ${s.id} has unknown role ${s.roleId}` });
      if (s.phaseId && !own(doc.phases, s.phaseId)) ctx.addIssue({ code: 'custom', message: `step ${s.id} has unknown phase ${s.phaseId}` });
      for (const roleId of Object.keys(s.raci ?? {})) {
        if (!own(doc.roles, roleId)) ctx.addIssue({ code: 'custom', message: `step ${s.id} has a RACI letter for unknown role ${roleId}` });
      }
    }
    for (const f of Object.values(doc.flows)) {
      if (!own(doc.steps, f.fromStepId) || !own(doc.steps, f.toStepId)) {
        ctx.addIssue({ code: 'custom', message: `flow ${f.id} connects a missing step` });
      }
    }
    for (const c of Object.values(doc.comments)) {
      const target = c.targetKind === 'step' ? doc.steps : c.targetKind === 'flow' ? doc.flows : null;
      if (target && !own<object>(target, c.targetId)) ctx.addIssue({ code: 'custom', message: `comment ${c.id} is on a missing ${c.targetKind}` });
      if (c.parentId !== null && own(doc.comments, c.parentId)?.parentId !== null) {
        ctx.addIssue({ code: 'custom', message: `comment ${c.id} replies to a missing thread` });
      }
    }
    for (const p of Object.values(doc.painPoints)) {
      if (!own(doc.steps, p.stepId)) ctx.addIssue({ code: 'custom', message: `pain point ${p.id} is on a missing step` });
    }
    for (const n of Object.values(doc.notes ?? {})) {
      if (n.stepId !== undefined && !own(doc.steps, n.stepId)) ctx.addIssue({ code: 'custom', message: `note ${n.id} is attached to a missing step ${n.stepId}` });
    }
    for (const n of doc.swot ?? []) {
      for (const stepId of n.stepIds) if (!own(doc.steps, stepId)) ctx.addIssue({ code: 'custom', message: `SWOT note ${n.id} links a missing step ${stepId}` });
    }
  });

/** A short, human message for the first problems of a failed parse. */
export function describeIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

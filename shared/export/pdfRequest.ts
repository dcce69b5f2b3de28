/** What the app sends the backend to make a PDF of the map picture ('export:pdf'), checked like every call's input. */
import { z } from 'zod';
import { PAPERS } from './pdfPlan';

const text = (max: number) => z.string().max(max);
const n = z.number().finite();
const box = z.object({ x: n, y: n, width: n, height: n }).strict();

export const SvgFrameSchema = z
  .object({
    headerLeft: n,
    contentLeft: n,
    contentRight: n,
    phasesTop: n,
    lanesTop: n,
    mapBottom: n,
    blocksRight: n,
    lanes: z.array(z.object({ name: text(10_000), color: z.string().regex(/^#[0-9a-f]{6}$/i), top: n, bottom: n }).strict()).max(1_000),
    phases: z.array(z.object({ name: text(10_000), left: n, right: n, placeholder: z.boolean() }).strict()).max(1_000),
    cards: z.array(box).max(200_000).optional(),
    lines: z.array(box).max(1_000_000).optional(),
  })
  .strict();

export const PdfRequestSchema = z
  .object({
    svg: z.string().max(150 * 1024 * 1024, 'the picture is larger than 150 MB'),
    width: z.number().positive().max(10_000_000),
    height: z.number().positive().max(10_000_000),
    frame: SvgFrameSchema,
    mode: z.enum(['fit', 'tiles']),
    paper: z.enum(PAPERS),
    landscape: z.boolean(),
    marginMm: z.number().min(0).max(40).optional(),
    scale: z.union([z.number().min(0.1).max(4), z.literal('readable')]).optional(),
    meta: z.object({ title: text(10_000), author: text(1_000).optional(), subject: text(1_000).optional() }).strict(),
    words: z.object({ pageTile: text(500), pageOverview: text(500), page: text(500), overview: text(500), skipped: text(500) }).strict().optional(),
  })
  .strict();

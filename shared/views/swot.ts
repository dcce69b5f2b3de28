/**
 * The SWOT board of a map (issue 17): four quadrants of short notes, in the order the map keeps
 * them (`MapDoc.swot`, edited by add/edit/move/delete/linkSwotNote). Shared by the SWOT view,
 * the presentation's SWOT page and the board's SVG/PNG export (app and command line), so the
 * words for each quadrant live here, in English and Russian.
 */
import { SWOT_QUADRANTS, type MapDoc, type SwotNote, type SwotQuadrant } from '../model/types';
import type { SheetLang } from './sheet';

export interface SwotWords {
  /** Heading of the board ("SWOT"). */
  title: string;
  quadrants: Record<SwotQuadrant, string>;
  /** What belongs in a quadrant, in sales terms: shown in an empty one. */
  hints: Record<SwotQuadrant, string>;
  /** Said on an exported page of an empty board. */
  empty: string;
  /** Before the titles of the steps a note is about ("Steps: …"). */
  steps: string;
  untitledStep: string;
}

export const SWOT_WORDS: Record<SheetLang, SwotWords> = {
  en: {
    title: 'SWOT',
    quadrants: { strengths: 'Strengths', weaknesses: 'Weaknesses', opportunities: 'Opportunities', threats: 'Threats' },
    hints: {
      strengths: 'What the sales process does well: a fast first reply, a strong offer, loyal clients.',
      weaknesses: 'Where it loses deals or time: slow approvals, manual quotes, leads left without a call.',
      opportunities: 'What could bring more sales: a new channel, upselling, automating a step.',
      threats: 'What could cost sales: competitors’ prices, a key client leaving, a supplier’s delays.',
    },
    empty: 'The SWOT board of this map is empty.',
    steps: 'Steps',
    untitledStep: 'Untitled step',
  },
  ru: {
    title: 'SWOT',
    quadrants: { strengths: 'Сильные стороны', weaknesses: 'Слабые стороны', opportunities: 'Возможности', threats: 'Угрозы' },
    hints: {
      strengths: 'Что в продажах получается хорошо: быстрый первый ответ, сильное предложение, лояльные клиенты.',
      weaknesses: 'Где теряются сделки или время: долгие согласования, ручные расчёты КП, заявки без звонка.',
      opportunities: 'Что может принести больше продаж: новый канал, допродажи, автоматизация шага.',
      threats: 'Что может стоить продаж: цены конкурентов, уход ключевого клиента, задержки поставщика.',
    },
    empty: 'SWOT-доска этой карты пуста.',
    steps: 'Шаги',
    untitledStep: 'Шаг без названия',
  },
};

/** The quadrants as the board lays them out: strengths and weaknesses on top, then opportunities and threats. */
export const SWOT_GRID: readonly SwotQuadrant[] = SWOT_QUADRANTS;

/** The board's notes by quadrant, each in its order. */
export function swotByQuadrant(doc: Pick<MapDoc, 'swot'>): Record<SwotQuadrant, SwotNote[]> {
  const out: Record<SwotQuadrant, SwotNote[]> = { strengths: [], weaknesses: [], opportunities: [], threats: [] };
  for (const n of doc.swot ?? []) out[n.quadrant]?.push(n);
  return out;
}

/** The steps a note is about that are still in the map, in the note's order. */
export function linkedSteps(doc: Pick<MapDoc, 'steps'>, note: SwotNote) {
  return note.stepIds.map((id) => doc.steps[id]).filter((s): s is NonNullable<typeof s> => s !== undefined);
}

/**
 * Where a note goes with Alt+arrow keys: up and down within its quadrant (past the top or
 * bottom, into the quadrant above or below, at its end or start); left and right into the
 * neighbouring quadrant of the 2 x 2 grid, at its end. Null: nowhere to go.
 */
export function swotKeyMove(doc: Pick<MapDoc, 'swot'>, noteId: string, key: 'up' | 'down' | 'left' | 'right'): { quadrant: SwotQuadrant; index: number } | null {
  const by = swotByQuadrant(doc);
  const note = (doc.swot ?? []).find((n) => n.id === noteId);
  if (!note) return null;
  const at = SWOT_GRID.indexOf(note.quadrant);
  const i = by[note.quadrant].indexOf(note);
  const row = Math.floor(at / 2);
  const col = at % 2;
  const other = (r: number, c: number) => SWOT_GRID[r * 2 + c]!;
  if (key === 'up') {
    if (i > 0) return { quadrant: note.quadrant, index: i - 1 };
    if (row === 0) return null;
    const q = other(0, col);
    return { quadrant: q, index: by[q].length };
  }
  if (key === 'down') {
    if (i < by[note.quadrant].length - 1) return { quadrant: note.quadrant, index: i + 1 };
    if (row === 1) return null;
    return { quadrant: other(1, col), index: 0 };
  }
  const c = key === 'left' ? col - 1 : col + 1;
  if (c < 0 || c > 1) return null;
  const q = other(row, c);
  return { quadrant: q, index: by[q].length };
}

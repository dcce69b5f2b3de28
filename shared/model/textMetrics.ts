/**
 * Advance widths of the bundled Inter (regular 400, semibold 600) in thousandths of an em, so
 * the export wraps text where the canvas would. Generated from the font files by
 * `advanceWidths` (src-main/export/fontMetrics.ts); tests/unit/export-fonts.test.ts checks
 * that this table still matches the installed @fontsource/inter.
 */

/** The code point ranges of the table, each with one width per code point. */
export const WIDTH_RANGES: readonly [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x400, 0x45f],
  [0x2010, 0x2026],
];

const TABLE: Record<400 | 600, readonly string[]> = {
  400: [
    '281,288,466,633,642,982,644,300,365,365,501,662,288,460,288,360,631,407,610,618,646,593,620,566,619,620,288,302,662,662,662,511,966,690,654,730,722,601,590,746,743,269,571,672,565,903,753,765,639,765,644,642,646,744,690,985,682,679,629,365,360,365,471,456,323,562,612,571,612,583,370,613,591,242,242,549,242,876,591,600,612,612,376,528,327,591,562,818,546,562,552,426,333,426,662',
    '281,288,571,611,725,550,270,568,591,914,454,583,662,0,666,478,456,662,442,446,323,586,603,288,268,304,482,583,802,847,882,511,690,690,690,690,690,690,994,730,601,601,601,601,269,269,269,269,735,753,765,765,765,765,765,662,765,744,744,744,744,679,636,616,562,562,562,562,562,562,917,571,583,583,583,583,242,242,242,242,583,591,600,600,600,600,600,662,600,591,591,591,591,562,612,562',
    '601,601,841,579,730,642,269,269,571,1113,1125,884,672,753,628,722,690,646,654,579,819,601,960,618,753,753,672,748,903,743,765,743,639,730,646,628,828,682,721,700,958,972,816,883,649,730,1015,644,562,594,565,436,613,583,810,494,591,591,542,575,770,588,600,588,612,571,466,562,687,546,597,578,822,837,644,736,559,571,843,554,583,583,591,436,571,528,242,242,242,924,896,591,542,591,562,588',
    '0,0,0,500,1000,0,0,0,261,261,241,0,440,440,421,0,491,0,563,0,0,0,864',
  ],
  600: [
    '252,321,523,644,650,1004,663,326,373,373,540,673,319,465,319,379,660,423,623,636,666,612,640,576,640,640,319,329,673,673,673,543,999,728,659,737,722,605,588,749,746,277,580,703,565,922,759,769,645,773,652,650,660,736,728,1020,720,713,652,373,379,373,481,469,351,574,624,583,624,591,389,625,612,262,262,569,262,900,612,609,624,624,397,549,353,612,587,839,569,588,566,455,359,455,673',
    '252,321,583,629,749,563,316,568,612,914,460,634,673,0,664,452,458,673,454,463,351,614,600,319,332,324,487,634,831,870,907,543,728,728,728,728,728,728,1013,737,605,605,605,605,277,277,277,277,751,759,769,769,769,769,769,673,769,736,736,736,736,713,658,644,574,574,574,574,574,574,913,583,591,591,591,591,262,262,262,262,594,612,609,609,609,609,609,673,609,612,612,612,612,588,624,588',
    '605,605,853,581,737,650,277,277,580,1116,1126,891,703,759,672,726,728,646,659,581,852,605,1032,636,759,759,703,749,922,746,769,746,645,737,660,672,833,720,751,705,979,1002,826,907,658,737,1033,652,574,604,573,447,645,591,846,511,612,612,569,594,798,610,609,605,624,583,495,588,747,569,636,593,847,871,667,783,579,583,859,570,591,591,612,447,583,549,262,262,262,938,915,612,569,612,588,605',
    '0,0,0,500,1000,0,0,0,294,294,272,0,507,501,480,0,552,0,503,0,0,0,956',
  ],
};

const WIDTHS: Record<400 | 600, Map<number, number>> = { 400: decode(TABLE[400]), 600: decode(TABLE[600]) };

function decode(rows: readonly string[]): Map<number, number> {
  const m = new Map<number, number>();
  rows.forEach((row, i) => {
    const start = WIDTH_RANGES[i]![0];
    row.split(',').forEach((w, k) => {
      const n = Number(w);
      if (n > 0) m.set(start + k, n);
    });
  });
  return m;
}

/** The first code points (Latin, Cyrillic) in a flat table: every step's title is measured on opening a map. */
const FAST_LIMIT = 0x500;
const FAST: Record<400 | 600, Float64Array> = { 400: fastTable(400), 600: fastTable(600) };
function fastTable(weight: 400 | 600): Float64Array {
  const t = new Float64Array(FAST_LIMIT);
  for (let cp = 0; cp < FAST_LIMIT; cp++) t[cp] = slowWidthEm(cp, weight);
  return t;
}

/** Width of a code point in em: from the table, else a generous guess (wide for CJK and emoji). */
export function charWidthEm(cp: number, weight: 400 | 600): number {
  return cp < FAST_LIMIT ? FAST[weight][cp]! : slowWidthEm(cp, weight);
}

function slowWidthEm(cp: number, weight: 400 | 600): number {
  const w = WIDTHS[weight].get(cp);
  if (w !== undefined) return w / 1000;
  if (cp < 0x20 || (cp >= 0x300 && cp < 0x370)) return 0; // controls, combining marks
  if (cp >= 0x1100) return 1; // CJK, emoji and the like: a full em
  return 0.7;
}

/** Width of `text` in px at `size` px. */
export function textWidth(text: string, size: number, weight: 400 | 600 = 400): number {
  const fast = FAST[weight];
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < FAST_LIMIT) em += fast[c]!;
    else {
      // a code point beyond the table, perhaps two UTF-16 units (emoji)
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      em += slowWidthEm(cp, weight);
    }
  }
  return em * size;
}

/**
 * The value-stream band under the canvas: the critical path's steps in order, wait low and work
 * high, as the SVG export draws it (same layout, shared/analysis/valueStream.ts). A click on a
 * step selects it and shows it on the canvas.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { VS, valueStreamLayout } from '../../shared/analysis/valueStream';
import { VS_COLOURS, VS_HEADING_HEIGHT } from '../../shared/export/valueStreamSvg';
import { fitText, type FittedText } from '../../shared/export/text';
import { revealStep } from '../canvas/viewport';
import { formatPercent, useT } from '../i18n';
import { formatWorkTime } from '../export/localized';
import { useEditor, useEditorStore } from '../store/context';
import { useAnalysis } from './useAnalysis';

function Lines({ text, x, top, anchor, weight, fill }: { text: FittedText; x: number; top: number; anchor?: 'middle'; weight?: 600; fill: string }) {
  const baseline = top + text.lineHeight / 2 + 0.36 * text.size;
  return (
    <text x={x} y={baseline} fontSize={text.size} fontWeight={weight} fill={fill} textAnchor={anchor}>
      {text.lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? 0 : text.lineHeight}>
          {line || '\u00a0'}
        </tspan>
      ))}
    </text>
  );
}

export function ValueStreamBand() {
  const t = useT();
  const store = useEditorStore();
  const flow = useReactFlow();
  const doc = useEditor((s) => s.doc)!;
  const { analysis } = useAnalysis();
  const untitled = t('common.untitledStep');
  // one row, scrolled sideways: the editor has room to the right, a picture does not
  const layout = useMemo(
    () => (analysis ? valueStreamLayout(doc, analysis.figures, Number.MAX_SAFE_INTEGER, untitled) : null),
    [analysis, doc, untitled],
  );
  if (!layout || layout.segments.length === 0) return null;
  const height = VS_HEADING_HEIGHT + layout.height;
  const show = (id: string) => {
    const d = store.getState().doc;
    if (!d?.steps[id]) return;
    store.getState().select({ steps: [id], flows: [] });
    revealStep(flow, d, id);
  };
  return (
    <div
      className="value-stream-band"
      role="region"
      aria-label={t('figures.valueStreamLabel', { steps: layout.segments.length, lead: formatWorkTime(layout.leadTime) })}
    >
      <svg width={layout.width + 24} height={height + 8} viewBox={`-12 -4 ${layout.width + 24} ${height + 8}`}>
        <text x={0} y={16} fontSize={13} fontWeight={600} fill={VS_COLOURS.text}>
          {t('figures.valueStreamHeading')}
        </text>
        <g transform={`translate(0 ${VS_HEADING_HEIGHT})`}>
          {layout.segments.map((s) => {
            const low = VS.low;
            const high = VS.high;
            const end = s.x + VS.wait + VS.work;
            const waitText = fitText(formatWorkTime(s.wait), VS.wait - 6, 16, VS.timeSize, 400, 16 / 11, 7);
            const workText = fitText(formatWorkTime(s.work), VS.work - 8, 16, VS.timeSize, 400, 16 / 11, 7);
            return (
              <g key={s.stepId} className="vs-step" onClick={() => show(s.stepId)}>
                <title>{doc.steps[s.stepId]?.title || untitled}</title>
                <rect x={s.x} y={0} width={VS.wait + VS.work} height={VS.rowHeight - 4} fill="transparent" />
                <path d={`M${s.x} ${low}H${s.x + VS.wait}`} stroke={VS_COLOURS.wait} strokeWidth={3} fill="none" />
                <path d={`M${s.x + VS.wait} ${low}V${high}H${end}V${low}`} stroke={VS_COLOURS.work} strokeWidth={3} fill="none" />
                <Lines text={s.title} x={s.x + VS.wait + 4} top={4} weight={600} fill={VS_COLOURS.text} />
                <Lines text={waitText} x={s.x + VS.wait / 2} top={low + 5} anchor="middle" fill={VS_COLOURS.wait} />
                <Lines text={workText} x={s.x + VS.wait + VS.work / 2} top={high + 5} anchor="middle" fill={VS_COLOURS.work} />
              </g>
            );
          })}
          <g transform={`translate(${layout.totals.x} ${layout.totals.row * VS.rowHeight + 18})`}>
            <text y={14} fontSize={12} fontWeight={600} fill={VS_COLOURS.text}>
              {t('figures.leadTime')}: {formatWorkTime(layout.leadTime)}
            </text>
            <text y={34} fontSize={12} fill={VS_COLOURS.text}>
              {t('figures.workOnPath')}: {formatWorkTime(layout.workOnPath)}
            </text>
            <text y={54} fontSize={12} fill={VS_COLOURS.text}>
              {t('figures.efficiency')}: {formatPercent(layout.efficiency)}
            </text>
          </g>
        </g>
      </svg>
    </div>
  );
}

// A uPlot line chart over UTC days, for the partner's activity and the console's trend: drawn in the stylesheet's
// colours (they differ in light and dark mode, and a canvas cannot read CSS) and redrawn when the scheme changes.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { count, shortDay } from '../display';

export interface Line {
  label: string;
  /** The custom property its colour is read from, e.g. --chart-clicks. */
  colour: string;
  values: number[];
  dashed?: boolean;
  /** On a scale of its own, with its axis on the right (a count far larger than the others). */
  right?: boolean;
}

const whole = (ticks: number[]) => ticks.map((t) => (Number.isInteger(t) ? count(t) : ''));
const upTo = (max: number): uPlot.Range.MinMax => [0, Math.max(4, Math.ceil(max * 1.1))];

export function LineChart({ days, lines, height = 240, testId }: { days: string[]; lines: Line[]; height?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  // Redrawn when what it shows changes (the days, the values, the labels in another language), not on every render.
  const shown = JSON.stringify({ days, lines, height });
  useEffect(() => {
    const el = box.current!;
    const width = () => Math.max(280, el.clientWidth);
    const draw = () => {
      const css = getComputedStyle(el);
      const v = (name: string) => css.getPropertyValue(name).trim();
      const axis = { stroke: v('--muted'), grid: { stroke: v('--chart-grid') }, ticks: { stroke: v('--chart-grid') } };
      const right = lines.some((l) => l.right);
      return new uPlot(
        {
          width: width(),
          height,
          // Days are UTC days, and read the reader's way ("Jul 3", "3. Juli"), not in uPlot's English.
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
          scales: { x: { time: true }, y: { range: (_u, _min, max) => upTo(max) }, right: { range: (_u, _min, max) => upTo(max) } },
          axes: [
            { ...axis, values: (_, ticks) => ticks.map((s) => shortDay(s * 1000)) },
            { ...axis, values: (_, ticks) => whole(ticks) },
            ...(right ? [{ ...axis, scale: 'right', side: 1, grid: { show: false }, values: (_: uPlot, ticks: number[]) => whole(ticks) }] : []),
          ],
          series: [
            {},
            ...lines.map((l) => ({ label: l.label, stroke: v(l.colour), width: l.right ? 1.5 : 2, ...(l.dashed ? { dash: [6, 4] } : {}), ...(l.right ? { scale: 'right' } : {}) })),
          ],
        },
        [days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000), ...lines.map((l) => l.values)],
        el,
      );
    };
    let plot = draw();
    const resize = () => plot.setSize({ width: width(), height });
    // Switching between light and dark mode redraws the chart in the other colours.
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const recolour = () => {
      plot.destroy();
      plot = draw();
    };
    addEventListener('resize', resize);
    scheme.addEventListener('change', recolour);
    return () => {
      removeEventListener('resize', resize);
      scheme.removeEventListener('change', recolour);
      plot.destroy();
    };
  }, [shown]);
  return <div ref={box} class="chart" aria-hidden="true" data-testid={testId} />;
}

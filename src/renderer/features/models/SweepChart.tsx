import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FeatureValue } from '../../../shared/models/schema';
import { niceTicks, pctText, tickText, wantsLog } from './axis-format';
import type { SweepResult } from './models-store';

const COLOURS = ['var(--accent)', 'var(--good)', 'var(--bad)', 'var(--warn)'];

/** The response curve of a sweep: readable ticks, probabilities in %, the form's current value marked. */
export function SweepChart({ sweep, current, positive }: { sweep: SweepResult; current: FeatureValue | null; positive: string }) {
  const numeric = sweep.xs.every((x) => typeof x === 'number');
  const data = sweep.xs.map((x, i) => ({
    x: numeric ? x : String(x),
    ...Object.fromEntries(sweep.classes.map((c, k) => [c, sweep.probabilities[i]![k]])),
  }));
  const at = current === null ? -1 : sweep.xs.findIndex((x) => x === current);
  const shown = Math.max(0, sweep.classes.indexOf(positive));
  const nums = numeric ? (sweep.xs as number[]) : [];
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const log = numeric && wantsLog(lo, hi);
  const ticks = numeric ? niceTicks(lo, hi, log) : undefined;
  return (
    <div data-testid="sweep-chart" className="chart-box">
      <div className="muted">
        Class probabilities as {sweep.feature} varies over its range in the training data (other inputs as in the form)
      </div>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 18, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          {numeric ? (
            <XAxis
              dataKey="x"
              type="number"
              scale={log ? 'log' : 'linear'}
              domain={[lo, hi]}
              ticks={ticks}
              tickFormatter={tickText}
              stroke="var(--muted)"
            />
          ) : (
            <XAxis dataKey="x" stroke="var(--muted)" />
          )}
          <YAxis domain={[0, 1]} tickFormatter={(p: number) => pctText(p)} stroke="var(--muted)" width={48} />
          <Tooltip
            labelFormatter={(x) => `${sweep.feature} = ${tickText(x)}`}
            formatter={(p) => (typeof p === 'number' ? pctText(p) : String(p))}
          />
          <Legend />
          {at >= 0 && (
            <ReferenceLine
              x={numeric ? (current as number) : String(current)}
              stroke="var(--text)"
              strokeDasharray="4 3"
              label={{ value: `current ${tickText(current)}`, position: 'top', fill: 'var(--text)', fontSize: 11 }}
            />
          )}
          {sweep.classes.map((c, k) => (
            <Line key={c} dataKey={c} stroke={COLOURS[k % COLOURS.length]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {at >= 0 && (
        <div className="muted small" data-testid="sweep-current">
          At the current {sweep.feature} = {tickText(current)}: P({sweep.classes[shown]}) {pctText(sweep.probabilities[at]![shown]!)}
          {log ? ' (log scale: the data is skewed)' : ''}
        </div>
      )}
    </div>
  );
}

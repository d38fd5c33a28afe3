import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ModelInfo } from '../../../shared/api';
import { useModelsStore } from './models-store';

const COLOURS = ['var(--accent)', 'var(--good)', 'var(--bad)', 'var(--warn)'];

/** What-if: a one-feature response curve and a two-feature heat map, other inputs from the form. */
export function WhatIfPanel({ model }: { model: ModelInfo }) {
  const { sweep, heat, runSweep, runHeat, busy } = useModelsStore();
  const names = model.features.map((f) => f.name);
  const [feature, setFeature] = useState(names[0] ?? '');
  const [fx, setFx] = useState(names[0] ?? '');
  const [fy, setFy] = useState(names[1] ?? '');
  const data = sweep?.xs.map((x, i) => ({
    x: String(x),
    ...Object.fromEntries(sweep.classes.map((c, k) => [c, sweep.probabilities[i]![k]])),
  }));
  return (
    <div className="whatif">
      <div className="toolbar">
        <label>
          Sweep{' '}
          <select data-testid="sweep-feature" value={feature} onChange={(e) => setFeature(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button data-testid="sweep-run" disabled={busy !== null} onClick={() => void runSweep(feature, 25)}>
          Run sweep
        </button>
      </div>
      {sweep && data && (
        <div data-testid="sweep-chart" className="chart-box">
          <div className="muted">Class probabilities as {sweep.feature} varies (other inputs as in the form)</div>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={data}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="x" stroke="var(--muted)" />
              <YAxis domain={[0, 1]} stroke="var(--muted)" />
              <Tooltip />
              <Legend />
              {sweep.classes.map((c, k) => (
                <Line key={c} dataKey={c} stroke={COLOURS[k % COLOURS.length]} dot={false} isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <div className="toolbar">
        <label>
          Heat map x{' '}
          <select data-testid="heat-x" value={fx} onChange={(e) => setFx(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          y{' '}
          <select data-testid="heat-y" value={fy} onChange={(e) => setFy(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button data-testid="heat-run" disabled={busy !== null} onClick={() => void runHeat(fx, fy, 10)}>
          Draw heat map
        </button>
      </div>
      {heat && (
        <div className="heatmap" data-testid="heatmap">
          <div className="muted">
            P({heat.className}) over {heat.featureX} (→) × {heat.featureY} (↓)
          </div>
          <table>
            <tbody>
              {heat.z.map((row, yi) => (
                <tr key={yi}>
                  <th>{String(heat.ys[yi])}</th>
                  {row.map((p, xi) => (
                    <td
                      key={xi}
                      title={`${heat.featureX}=${String(heat.xs[xi])}, ${heat.featureY}=${String(heat.ys[yi])}: ${(p * 100).toFixed(1)}%`}
                      style={{ background: `color-mix(in srgb, var(--accent) ${Math.round(p * 100)}%, var(--panel))` }}
                    >
                      {(p * 100).toFixed(0)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th />
                {heat.xs.map((x, i) => (
                  <th key={i}>{typeof x === 'number' ? Number(x.toPrecision(3)) : String(x)}</th>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

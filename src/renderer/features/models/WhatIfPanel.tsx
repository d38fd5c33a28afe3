import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ModelInfo } from '../../../shared/api';
import { HeatMap } from './HeatMap';
import { useModelsStore } from './models-store';
import { SweepChart } from './SweepChart';

/** What-if: a one-feature response curve and a two-feature heat map, other inputs from the form. */
export function WhatIfPanel({ model }: { model: ModelInfo }) {
  const { sweep, sweepCurrent, heat, runSweep, runHeat, busy } = useModelsStore(
    useShallow((s) => ({
      sweep: s.sweep,
      sweepCurrent: s.sweepCurrent,
      heat: s.heat,
      runSweep: s.runSweep,
      runHeat: s.runHeat,
      busy: s.busy,
    })),
  );
  const names = model.features.map((f) => f.name);
  const [feature, setFeature] = useState(names[0] ?? '');
  const [fx, setFx] = useState(names[0] ?? '');
  const [fy, setFy] = useState(names[1] ?? '');
  return (
    <div className="whatif">
      <div className="toolbar">
        <label>
          Sweep{' '}
          <select data-testid="sweep-feature" aria-label="Sweep feature" value={feature} onChange={(e) => setFeature(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button data-testid="sweep-run" disabled={busy !== null} onClick={() => void runSweep(feature, 25)}>
          Run sweep
        </button>
      </div>
      {(sweep || heat) && (
        <div className="muted" data-testid="whatif-model">
          Scored by {model.id}
        </div>
      )}
      {sweep && <SweepChart sweep={sweep} current={sweepCurrent} positive={model.positiveClass ?? model.classes[0] ?? ''} />}
      <div className="toolbar">
        <label>
          Heat map x{' '}
          <select data-testid="heat-x" aria-label="Heat map x feature" value={fx} onChange={(e) => setFx(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          y{' '}
          <select data-testid="heat-y" aria-label="Heat map y feature" value={fy} onChange={(e) => setFy(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button data-testid="heat-run" disabled={busy !== null} onClick={() => void runHeat(fx, fy, 10)}>
          Draw heat map
        </button>
      </div>
      {heat && <HeatMap heat={heat} />}
    </div>
  );
}

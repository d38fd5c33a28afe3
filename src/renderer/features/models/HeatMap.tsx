import type { HeatResult } from './models-store';
import { pctText, tickText } from './axis-format';

const shade = (p: number) => `color-mix(in srgb, var(--accent) ${Math.round(p * 100)}%, var(--panel))`;

/** The probability of one class over two features, with rounded labels and a colour legend. */
export function HeatMap({ heat }: { heat: HeatResult }) {
  return (
    <div className="heatmap" data-testid="heatmap">
      <div className="muted">
        P({heat.className}) over {heat.featureX} (→) × {heat.featureY} (↓)
      </div>
      <table>
        <tbody>
          {heat.z.map((row, yi) => (
            <tr key={yi}>
              <th scope="row">{tickText(heat.ys[yi])}</th>
              {row.map((p, xi) => (
                <td
                  key={xi}
                  title={`${heat.featureX} = ${tickText(heat.xs[xi])}, ${heat.featureY} = ${tickText(heat.ys[yi])}: ${pctText(p)}`}
                  style={{ background: shade(p), color: p > 0.6 ? '#fff' : undefined }}
                >
                  {Math.round(p * 100)}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th />
            {heat.xs.map((x, i) => (
              <th key={i} scope="col" data-testid="heat-x-label">
                {tickText(x)}
              </th>
            ))}
          </tr>
        </tbody>
      </table>
      <figure className="heat-legend" data-testid="heatmap-legend" aria-label={`Colour scale: P(${heat.className}) from 0% to 100%`}>
        <div className="heat-legend-bar" style={{ background: `linear-gradient(to right, ${shade(0)}, ${shade(0.5)}, ${shade(1)})` }} />
        <figcaption>
          <span>0%</span>
          <span>cells: P({heat.className}) in %</span>
          <span>100%</span>
        </figcaption>
      </figure>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { ColumnProfile } from '../../../../shared/api';
import { api } from '../../../api/client';
import { boundText, edgeText, share } from './profile-format';

export interface ProfileRef {
  target: string;
  schema: string;
  relation: string;
  column: string;
}

/** The profile of a catalog column: nulls, distinct, min/max, and a histogram or its top values. */
export function ColumnProfilePanel({ at, onClose }: { at: ProfileRef; onClose(): void }) {
  const [profile, setProfile] = useState<ColumnProfile | undefined>();
  const [error, setError] = useState<string | undefined>();
  const { target, schema, relation, column } = at;
  useEffect(() => {
    let live = true;
    setProfile(undefined);
    setError(undefined);
    api
      .call('sqlwb.profile', { target, schema, relation, column })
      .then((p) => live && setProfile(p))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [target, schema, relation, column]);

  return (
    <section className="column-profile" data-testid="column-profile" aria-label={`Profile of ${relation}.${column}`}>
      <header>
        <strong title={`${schema}.${relation}.${column}`}>
          {relation}.{column}
        </strong>
        <button className="link-button" onClick={onClose} aria-label="Close profile">
          ×
        </button>
      </header>
      {error && <div className="error-box">{error}</div>}
      {!profile && !error && <div className="muted">Profiling…</div>}
      {profile && <ProfileBody profile={profile} />}
    </section>
  );
}

function ProfileBody({ profile: p }: { profile: ColumnProfile }) {
  const peak = Math.max(1, ...(p.histogram ?? []).map((b) => b.count));
  const topPeak = Math.max(1, ...(p.topValues ?? []).map((v) => v.count));
  return (
    <>
      <dl>
        <dt>Type</dt>
        <dd>{p.type}</dd>
        <dt>Rows</dt>
        <dd data-testid="profile-rows">{p.total.toLocaleString('en-US')}</dd>
        <dt>Nulls</dt>
        <dd data-testid="profile-nulls">
          {p.nulls.toLocaleString('en-US')} ({share(p.nulls, p.total)})
        </dd>
        <dt>Distinct</dt>
        <dd data-testid="profile-distinct">≈ {p.distinct.toLocaleString('en-US')}</dd>
        <dt>Min</dt>
        <dd data-testid="profile-min">{boundText(p.min)}</dd>
        <dt>Max</dt>
        <dd data-testid="profile-max">{boundText(p.max)}</dd>
      </dl>
      {p.histogram && p.histogram.length > 0 && (
        <figure className="profile-histogram">
          <div className="histogram" data-testid="profile-histogram" role="img" aria-label={`Histogram of ${p.column}`}>
            {p.histogram.map((b, i) => (
              <div
                key={i}
                className="histogram-bar"
                style={{ height: `${(100 * b.count) / peak}%` }}
                title={`${edgeText(b.from, p.kind)} – ${edgeText(b.to, p.kind)}: ${b.count.toLocaleString('en-US')}`}
              />
            ))}
          </div>
          <figcaption className="histogram-axis">
            <span>{edgeText(p.histogram[0]!.from, p.kind)}</span>
            <span>{edgeText(p.histogram[p.histogram.length - 1]!.to, p.kind)}</span>
          </figcaption>
        </figure>
      )}
      {p.topValues && (
        <ol className="profile-top" data-testid="profile-top-values" aria-label="Most frequent values">
          {p.topValues.map((v) => (
            <li key={String(v.value)} data-testid="profile-top-value">
              <span className="profile-top-name">{v.value ?? 'NULL'}</span>
              <span className="profile-top-bar" style={{ width: `${(100 * v.count) / topPeak}%` }} />
              <span className="profile-top-count">
                {v.count.toLocaleString('en-US')} ({share(v.count, p.total)})
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="muted small">Profiled in {Math.round(p.elapsedMs)} ms</div>
    </>
  );
}

import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CleanableEntry } from '../../../shared/api';
import type { DateRangePreset } from '../../../shared/dashboards/definition';
import { useAppStore } from '../../stores/app-store';
import { preferredRange, setPreferredRange } from '../../stores/preferences';
import { useRouteStore } from '../../stores/route-store';
import { AskSettingsPanel } from '../ask/AskSettingsPanel';
import { formatBytes, useSettingsStore } from './settings-store';
import './settings.css';

const RANGES: [DateRangePreset | '', string][] = [
  ['', 'Each dashboard’s own default'],
  ['last_1_day', 'Last day'],
  ['last_7_days', 'Last 7 days'],
  ['last_30_days', 'Last 30 days'],
  ['last_90_days', 'Last 90 days'],
  ['all', 'All data'],
];

/** Settings: appearance, data, language model, warehouses, privacy and the data folder. */
export function SettingsPage() {
  const { theme, setTheme, info } = useAppStore(useShallow((s) => ({ theme: s.theme, setTheme: s.setTheme, info: s.info })));
  const navigate = useRouteStore((r) => r.navigate);
  const { folder, profiles, error, notice, busy, loadFolder, cleanUp } = useSettingsStore(
    useShallow((s) => ({
      folder: s.folder,
      profiles: s.profiles,
      error: s.error,
      notice: s.notice,
      busy: s.busy,
      loadFolder: s.loadFolder,
      cleanUp: s.cleanUp,
    })),
  );
  const [range, setRange] = useState<string>(preferredRange() ?? '');
  const [chosen, setChosen] = useState<CleanableEntry[]>([]);
  useEffect(() => {
    void loadFolder();
  }, [loadFolder]);

  const toggle = (entry: CleanableEntry) => setChosen((c) => (c.includes(entry) ? c.filter((e) => e !== entry) : [...c, entry]));
  const freeable = folder?.entries.filter((e) => e.cleanable && chosen.includes(e.cleanable)).reduce((s, e) => s + e.bytes, 0) ?? 0;
  const onClean = () => {
    if (!window.confirm(`Remove ${formatBytes(freeable)} of cached files? The database, settings and secrets stay.`)) return;
    void cleanUp(chosen).then(() => setChosen([]));
  };

  return (
    <div className="page settings-page" data-testid="settings-page">
      <section className="settings-section" aria-labelledby="set-appearance">
        <h2 id="set-appearance">Appearance</h2>
        <div className="settings-row" role="radiogroup" aria-label="Theme">
          {(['light', 'dark'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="theme" checked={theme === t} onChange={() => setTheme(t)} data-testid={`settings-theme-${t}`} />{' '}
              {t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </div>
      </section>

      <section className="settings-section" aria-labelledby="set-data">
        <h2 id="set-data">Data</h2>
        <dl className="settings-facts">
          <dt>Database</dt>
          <dd>
            <code data-testid="settings-database-path">{info?.databasePath ?? '…'}</code>
            <div className="muted">
              To use another database, start with <code>--db PATH</code> (or set <code>MEDALLION_HOME</code> for another data folder).
            </div>
          </dd>
        </dl>
        <label className="settings-field">
          <span>Dashboards open with</span>
          <select
            value={range}
            onChange={(e) => {
              setRange(e.target.value);
              setPreferredRange((e.target.value || null) as DateRangePreset | null);
            }}
            data-testid="settings-default-range"
          >
            {RANGES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </section>

      <section className="settings-section" aria-labelledby="set-llm">
        <h2 id="set-llm">Language model (Ask, agents’ narratives)</h2>
        <p className="muted">
          Offline by default. Any OpenAI-compatible endpoint can be used; its key goes to the secret store and is never shown again.
        </p>
        <AskSettingsPanel />
      </section>

      <section className="settings-section" aria-labelledby="set-warehouse">
        <h2 id="set-warehouse">Databricks warehouses</h2>
        <p>
          <span data-testid="settings-profiles">
            {profiles === undefined ? '…' : profiles === 1 ? '1 profile' : `${profiles} profiles`}
          </span>{' '}
          <button className="link-button" onClick={() => navigate('connections')} data-testid="settings-open-connections">
            Manage warehouse profiles
          </button>
        </p>
      </section>

      <section className="settings-section" aria-labelledby="set-privacy">
        <h2 id="set-privacy">Privacy</h2>
        <p data-testid="settings-telemetry">
          No telemetry: the app sends nothing about you or your data anywhere. It only talks to the endpoints you configure (a language
          model, a Databricks warehouse, a model-serving endpoint).
        </p>
      </section>

      <section className="settings-section" aria-labelledby="set-folder">
        <h2 id="set-folder">Data folder</h2>
        {error && (
          <div className="error-box" role="alert">
            {error}
          </div>
        )}
        {folder && (
          <>
            <p>
              <code>{folder.path}</code> · <strong data-testid="settings-folder-size">{formatBytes(folder.totalBytes)}</strong>
            </p>
            <table className="settings-table" data-testid="settings-folder-table">
              <tbody>
                {folder.entries.map((e) => (
                  <tr key={e.name}>
                    <td>
                      {e.cleanable ? (
                        <label>
                          <input
                            type="checkbox"
                            checked={chosen.includes(e.cleanable)}
                            onChange={() => toggle(e.cleanable!)}
                            data-testid={`settings-clean-${e.cleanable}`}
                          />{' '}
                          {e.label}
                        </label>
                      ) : (
                        e.label
                      )}
                    </td>
                    <td className="num">{formatBytes(e.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="toolbar">
              <button disabled={busy || chosen.length === 0} onClick={onClean} data-testid="settings-clean-up">
                Clean up{chosen.length ? ` (${formatBytes(freeable)})` : ''}
              </button>
              {notice && (
                <span role="status" data-testid="settings-notice">
                  {notice}
                </span>
              )}
            </div>
          </>
        )}
      </section>
    </div>
  );
}

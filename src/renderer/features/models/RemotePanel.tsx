import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MODEL_NAMES, type ModelName } from '../../../shared/models/schema';
import { useModelsStore } from './models-store';

type Source = 'serving' | 'url';

/** Registers a Databricks Model Serving endpoint (on a connection profile) or any MLflow scoring URL. */
export function RemotePanel() {
  const { registerRemote, registerServing, loadProfiles, profiles, busy } = useModelsStore(
    useShallow((s) => ({
      registerRemote: s.registerRemote,
      registerServing: s.registerServing,
      loadProfiles: s.loadProfiles,
      profiles: s.profiles,
      busy: s.busy,
    })),
  );
  const [source, setSource] = useState<Source>('url');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [profileId, setProfileId] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [schemaOf, setSchemaOf] = useState<ModelName>('approval_propensity');
  const [format, setFormat] = useState<'dataframe_records' | 'dataframe_split'>('dataframe_records');
  const [token, setToken] = useState('');
  const [timeout, setTimeoutMs] = useState('10000');

  useEffect(() => {
    void loadProfiles();
  }, [loadProfiles]);
  // Default to the serving endpoint choice, on the first profile, once profiles are known.
  useEffect(() => {
    if (profiles.length > 0 && !profiles.some((p) => p.id === profileId)) {
      setProfileId(profiles[0]!.id);
      setSource('serving');
    }
  }, [profiles, profileId]);

  const profile = profiles.find((p) => p.id === profileId);
  const register = () => {
    const timeoutMs = Number(timeout) || 10_000;
    if (source === 'serving') void registerServing({ name: name || endpoint, profileId, endpoint, schemaOf, format, timeoutMs });
    else void registerRemote({ name, url, schemaOf, format, token: token || undefined, timeoutMs });
  };

  return (
    <div className="remote">
      <p className="muted">
        A Databricks Model Serving endpoint on the workspace of a connection profile, or any MLflow scoring server. It gets the inputs of
        the model kind you pick, and the same form, what-if, batch and compare tools work on it.
      </p>
      <div className="remote-source" role="radiogroup" aria-label="Endpoint kind">
        <label>
          <input
            type="radio"
            data-testid="remote-source-serving"
            checked={source === 'serving'}
            disabled={profiles.length === 0}
            onChange={() => setSource('serving')}
          />{' '}
          Databricks serving endpoint
        </label>
        <label>
          <input type="radio" data-testid="remote-source-url" checked={source === 'url'} onChange={() => setSource('url')} /> MLflow scoring
          URL
        </label>
        {profiles.length === 0 && (
          <span className="muted" data-testid="remote-no-profile">
            Add a Databricks connection profile on the Connections page to pick a serving endpoint by name.
          </span>
        )}
      </div>
      <div className="remote-form">
        {source === 'serving' ? (
          <>
            <label>
              Profile{' '}
              <select data-testid="remote-profile" value={profileId} onChange={(e) => setProfileId(e.target.value)}>
                {profiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.host})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Endpoint name{' '}
              <input
                data-testid="remote-endpoint"
                value={endpoint}
                onChange={(e) => setEndpoint(e.target.value)}
                placeholder="approval-prod"
              />
            </label>
            <label>
              Name here{' '}
              <input
                data-testid="remote-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={endpoint || 'approval-prod'}
              />
            </label>
            {profile && (
              <p className="muted remote-url" data-testid="remote-serving-url">
                https://{profile.host}/serving-endpoints/{endpoint || '<name>'}/invocations · the profile&apos;s token is used on each call
              </p>
            )}
          </>
        ) : (
          <>
            <label>
              Name <input data-testid="remote-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="approval-prod" />
            </label>
            <label>
              URL{' '}
              <input
                data-testid="remote-url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="http://127.0.0.1:5001/invocations"
              />
            </label>
            <label>
              Token <input type="password" value={token} onChange={(e) => setToken(e.target.value)} placeholder="(optional) dapi…" />
            </label>
          </>
        )}
        <label>
          Takes the inputs of{' '}
          <select value={schemaOf} onChange={(e) => setSchemaOf(e.target.value as ModelName)}>
            {MODEL_NAMES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Format{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option>dataframe_records</option>
            <option>dataframe_split</option>
          </select>
        </label>
        <label>
          Time limit (ms) <input value={timeout} onChange={(e) => setTimeoutMs(e.target.value)} />
        </label>
        <button className="primary" data-testid="remote-register" disabled={busy !== null} onClick={register}>
          Register
        </button>
      </div>
    </div>
  );
}

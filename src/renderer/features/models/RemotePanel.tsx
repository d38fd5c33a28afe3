import { useState } from 'react';
import { MODEL_NAMES, type ModelName } from '../../../shared/models/schema';
import { useModelsStore } from './models-store';

/** Registers a Databricks Model Serving endpoint or any MLflow scoring URL. */
export function RemotePanel() {
  const { registerRemote, busy } = useModelsStore();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [schemaOf, setSchemaOf] = useState<ModelName>('approval_propensity');
  const [format, setFormat] = useState<'dataframe_records' | 'dataframe_split'>('dataframe_records');
  const [token, setToken] = useState('');
  const [timeout, setTimeoutMs] = useState('10000');
  return (
    <div className="remote">
      <p className="muted">
        A Databricks Model Serving endpoint (https://&lt;workspace&gt;/serving-endpoints/&lt;name&gt;/invocations, with a personal access
        token) or any MLflow scoring server. It gets the inputs of the model kind you pick, and the same form, what-if, batch and compare
        tools work on it.
      </p>
      <div className="remote-form">
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
          Token <input type="password" value={token} onChange={(e) => setToken(e.target.value)} placeholder="(optional) dapi…" />
        </label>
        <label>
          Time limit (ms) <input value={timeout} onChange={(e) => setTimeoutMs(e.target.value)} />
        </label>
        <button
          className="primary"
          data-testid="remote-register"
          disabled={busy !== null}
          onClick={() =>
            void registerRemote({ name, url, schemaOf, format, token: token || undefined, timeoutMs: Number(timeout) || 10_000 })
          }
        >
          Register
        </button>
      </div>
    </div>
  );
}

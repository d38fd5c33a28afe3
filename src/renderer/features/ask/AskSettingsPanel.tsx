import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LlmPreset } from '../../../shared/api';
import { useAskSettingsStore } from './ask-settings-store';

const PRESETS: { id: LlmPreset; label: string; baseUrl: string; model: string }[] = [
  {
    id: 'databricks',
    label: 'Databricks Foundation Model APIs',
    baseUrl: 'https://<workspace-host>/serving-endpoints',
    model: 'databricks-meta-llama-3-3-70b-instruct',
  },
  { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' },
  { id: 'llamacpp', label: 'llama.cpp server', baseUrl: 'http://localhost:8080/v1', model: 'local-model' },
  { id: 'vllm', label: 'vLLM', baseUrl: 'http://localhost:8000/v1', model: 'meta-llama/Llama-3.1-8B-Instruct' },
  { id: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', model: 'local-model' },
  { id: 'custom', label: 'Other OpenAI-compatible endpoint', baseUrl: '', model: '' },
];

/** Language-model settings for Ask, and exactly what would be sent to the model. */
export function AskSettingsPanel() {
  const { settings, preview, saving, message, load, save, loadPreview } = useAskSettingsStore(
    useShallow((s) => ({
      settings: s.settings,
      preview: s.preview,
      saving: s.saving,
      message: s.message,
      load: s.load,
      save: s.save,
      loadPreview: s.loadPreview,
    })),
  );
  const [draft, setDraft] = useState({ preset: 'ollama' as LlmPreset, baseUrl: '', model: '', enabled: false, timeoutS: 60 });
  const [key, setKey] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (settings)
      setDraft({
        preset: settings.preset,
        baseUrl: settings.baseUrl,
        model: settings.model,
        enabled: settings.enabled,
        timeoutS: Math.round(settings.timeoutMs / 1000),
      });
  }, [settings]);
  const pick = (id: LlmPreset) => {
    const p = PRESETS.find((x) => x.id === id);
    setDraft((d) => ({ ...d, preset: id, baseUrl: p?.baseUrl || d.baseUrl, model: p?.model || d.model }));
  };
  return (
    <section className="ask-settings" data-testid="ask-settings">
      <h2>Language model (optional)</h2>
      <p className="muted">
        Without a model, Ask answers from its built-in semantic layer, offline. With one, questions the semantic layer cannot answer go to
        the model; its SQL is checked and sandboxed before it runs.
      </p>
      <label className="ask-field">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          data-testid="ask-llm-enabled"
        />{' '}
        Use a language model
      </label>
      <label className="ask-field">
        Preset
        <select value={draft.preset} onChange={(e) => pick(e.target.value as LlmPreset)} data-testid="ask-llm-preset">
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="ask-field">
        Base URL
        <input
          value={draft.baseUrl}
          onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })}
          data-testid="ask-llm-base-url"
          size={48}
        />
      </label>
      <label className="ask-field">
        Model
        <input value={draft.model} onChange={(e) => setDraft({ ...draft, model: e.target.value })} data-testid="ask-llm-model" size={40} />
      </label>
      <label className="ask-field">
        API key
        <input
          type="password"
          value={key}
          placeholder={settings?.hasKey ? 'stored (type to replace)' : 'none'}
          onChange={(e) => setKey(e.target.value)}
          data-testid="ask-llm-key"
          autoComplete="off"
        />
        {settings?.hasKey && (
          <button className="link-button" onClick={() => void save({ apiKey: '' })}>
            remove stored key
          </button>
        )}
      </label>
      {settings && !settings.keyProtectedAtRest && (
        <p className="muted">Keys are stored in a file only you can read; the desktop app uses the OS keychain instead.</p>
      )}
      <label className="ask-field">
        Time limit (s)
        <input
          type="number"
          min={1}
          max={600}
          value={draft.timeoutS}
          onChange={(e) => setDraft({ ...draft, timeoutS: Number(e.target.value) })}
        />
      </label>
      <div className="toolbar">
        <button
          className="primary"
          disabled={saving}
          data-testid="ask-llm-save"
          onClick={() => {
            void save({
              enabled: draft.enabled,
              preset: draft.preset,
              baseUrl: draft.baseUrl,
              model: draft.model,
              timeoutMs: draft.timeoutS * 1000,
              ...(key ? { apiKey: key } : {}),
            });
            setKey('');
          }}
        >
          Save
        </button>
        <button onClick={() => void loadPreview('What is our approval rate today?')} data-testid="ask-llm-preview">
          Show what is sent
        </button>
        {message && <span className="muted">{message}</span>}
      </div>
      {preview && (
        <div className="ask-preview" data-testid="ask-prompt-preview">
          <div className="muted">
            POST {preview.endpoint} · model {preview.model} ·{' '}
            {preview.sendsKey ? 'with your API key in the Authorization header (not shown)' : 'no API key'}
          </div>
          {preview.messages.map((m, i) => (
            <pre key={i} className="ask-preview-message">
              <strong>{m.role}:</strong> {m.content}
            </pre>
          ))}
        </div>
      )}
    </section>
  );
}

import { useState } from 'react';
import type { ParamPrompt } from '../sql-store';
import { ModalForm } from '../../../components/ModalForm';

/** Asks for the values of a statement's $name parameters (remembered for the next run). */
export function ParamDialog({ prompt }: { prompt: ParamPrompt }) {
  const [values, setValues] = useState(prompt.values);
  return (
    <ModalForm
      label="Query parameters"
      testId="param-dialog"
      onSubmit={() => {
        prompt.resolve(values);
      }}
      onCancel={() => prompt.resolve(undefined)}
    >
      <h2>Parameters</h2>
      <p className="muted">Numbers, true/false and NULL are typed as such; anything else is text.</p>
      {prompt.names.map((name, i) => (
        <label key={name} className="field">
          <span>${name}</span>
          <input
            autoFocus={i === 0}
            value={values[name] ?? ''}
            onChange={(e) => setValues({ ...values, [name]: e.target.value })}
            data-testid={`param-${name}`}
          />
        </label>
      ))}
      <div className="modal-actions">
        <button type="button" onClick={() => prompt.resolve(undefined)}>
          Cancel
        </button>
        <button type="submit" className="primary" data-testid="param-run">
          Run
        </button>
      </div>
    </ModalForm>
  );
}

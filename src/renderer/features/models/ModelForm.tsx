import type { FeatureSpec } from '../../../shared/models/schema';
import type { FormValues } from './models-store';

/** An input form generated from a model's input schema, with a message under each bad field. */
export function ModelForm(props: {
  features: FeatureSpec[];
  values: FormValues;
  errors: Record<string, string>;
  onChange(name: string, value: string | boolean): void;
}) {
  return (
    <div className="model-form" data-testid="model-form">
      {props.features.map((f) => {
        const error = props.errors[f.name];
        const id = `field-${f.name}`;
        const value = props.values[f.name];
        const describedBy = error ? `${id}-range ${id}-error` : `${id}-range`;
        return (
          // The label holds the name only, so the input's accessible name is the feature's name; range and
          // error are its description.
          <div key={f.name} className={`model-field${error ? ' invalid' : ''}`} title={f.description}>
            <label className="model-field-name" htmlFor={id}>
              {f.name}
            </label>
            {f.type === 'boolean' ? (
              <input
                id={id}
                aria-describedby={describedBy}
                type="checkbox"
                data-testid={id}
                checked={value === true}
                onChange={(e) => props.onChange(f.name, e.target.checked)}
              />
            ) : f.type === 'category' ? (
              <select
                id={id}
                aria-describedby={describedBy}
                data-testid={id}
                value={String(value ?? '')}
                onChange={(e) => props.onChange(f.name, e.target.value)}
              >
                {(f.categories ?? []).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                aria-describedby={describedBy}
                data-testid={id}
                type="text"
                inputMode="decimal"
                value={String(value ?? '')}
                aria-invalid={Boolean(error)}
                onChange={(e) => props.onChange(f.name, e.target.value)}
              />
            )}
            <span className="muted model-field-range" id={`${id}-range`}>
              {f.type === 'number' || f.type === 'integer' ? `${f.min ?? ''} … ${f.max ?? ''}` : ''}
            </span>
            {error && (
              <span className="field-error" role="alert" id={`${id}-error`} data-testid={`error-${f.name}`}>
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

import { useState } from 'react';
import { ModalForm } from '../../../components/ModalForm';

/** Names a query to save (Electron has no window.prompt). */
export function SaveDialog({ initial, onSave, onClose }: { initial: string; onSave(name: string): void; onClose(): void }) {
  const [name, setName] = useState(initial);
  return (
    <ModalForm
      label="Save query"
      testId="save-dialog"
      onSubmit={() => {
        if (name.trim()) onSave(name.trim());
      }}
      onCancel={onClose}
    >
      <h2>Save query</h2>
      <label className="field">
        <span>Name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} data-testid="save-name" />
      </label>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!name.trim()} data-testid="save-confirm">
          Save
        </button>
      </div>
    </ModalForm>
  );
}

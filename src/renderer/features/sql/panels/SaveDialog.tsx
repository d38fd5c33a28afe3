import { useState } from 'react';

/** Names a query to save (Electron has no window.prompt). */
export function SaveDialog({ initial, onSave, onClose }: { initial: string; onSave(name: string): void; onClose(): void }) {
  const [name, setName] = useState(initial);
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-label="Save query"
        data-testid="save-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSave(name.trim());
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
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
      </form>
    </div>
  );
}

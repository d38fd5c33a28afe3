import type { ReactNode } from 'react';

/**
 * The app's modal dialog: a form over a dimmed backdrop, named for screen readers (`label`) and tests (`testId`).
 * Enter in a field submits it (`onSubmit`, the default submit already prevented); Escape anywhere in it cancels.
 */
export function ModalForm({
  label,
  testId,
  className,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  testId: string;
  /** Added to `modal` (e.g. a dialog's own layout). */
  className?: string;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}) {
  return (
    <div className="modal-backdrop">
      <form
        className={className ? `modal ${className}` : 'modal'}
        role="dialog"
        aria-label={label}
        data-testid={testId}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        {children}
      </form>
    </div>
  );
}

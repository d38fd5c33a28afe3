/** An honest empty page: says what will be here, shows nothing fake. */
export function PlaceholderPage({ what }: { what: string }) {
  return (
    <div className="page placeholder-page">
      <p className="muted">Not built yet.</p>
      <p>{what}</p>
    </div>
  );
}

import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CatalogTree } from './CatalogTree';
import { useConnectionsStore } from './connections-store';
import { ProfileForm } from './ProfileForm';
import { PullPanel } from './PullPanel';
import './connections.css';

/** Databricks SQL warehouse profiles: create, test, browse, and pull tables to local. */
export function ConnectionsPage() {
  const { profiles, selectedId, select, newProfile, load, secretsProtected } = useConnectionsStore(
    useShallow((s) => ({
      profiles: s.profiles,
      selectedId: s.selectedId,
      select: s.select,
      newProfile: s.newProfile,
      load: s.load,
      secretsProtected: s.secretsProtected,
    })),
  );
  useEffect(() => {
    void load();
  }, [load]);
  const selected = profiles.find((p) => p.id === selectedId);
  return (
    <div className="page connections-page">
      {!secretsProtected && (
        <div className="conn-warning" role="note" data-testid="conn-secrets-warning">
          Secrets are not protected by an OS keychain here (browser or CLI mode, or Linux without a keyring): they are kept in an owner-only
          file in your profile folder.
        </div>
      )}
      <div className="conn-layout">
        <aside className="conn-profiles">
          <div className="toolbar">
            <strong>Profiles</strong>
            <span className="spacer" />
            <button onClick={newProfile} data-testid="conn-new">
              New
            </button>
          </div>
          <ul data-testid="conn-profile-list">
            {profiles.map((p) => (
              <li key={p.id}>
                <button
                  className={p.id === selectedId ? 'conn-profile active' : 'conn-profile'}
                  onClick={() => select(p.id)}
                  data-testid={`conn-profile-${p.name}`}
                >
                  {p.name}
                  <span className="muted">
                    {p.host}
                    {p.hasSecret ? '' : ' · no credentials'}
                  </span>
                </button>
              </li>
            ))}
            {profiles.length === 0 && <li className="muted">No profiles yet.</li>}
          </ul>
        </aside>
        <section className="conn-detail">
          <ProfileForm />
        </section>
        {selected && (
          <section className="conn-browse">
            <h2>Browse</h2>
            <CatalogTree />
          </section>
        )}
        {selected && <PullPanel />}
      </div>
    </div>
  );
}

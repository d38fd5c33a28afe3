import { useConnectionsStore, type ProfileDraft } from './connections-store';
import { useShallow } from 'zustand/react/shallow';

const AUTH_LABELS: Record<ProfileDraft['authType'] & string, string> = {
  pat: 'Personal access token',
  'oauth-m2m': 'OAuth machine-to-machine (service principal)',
  'oauth-u2m': 'OAuth user login (browser)',
};

/** Create or edit a profile. The secret field is write-only: it is never filled from core. */
export function ProfileForm() {
  const { editing, edit, save, saving, formError, selectedId, profiles, remove, test, testing, verdict } = useConnectionsStore(
    useShallow((s) => ({
      editing: s.editing,
      edit: s.edit,
      save: s.save,
      saving: s.saving,
      formError: s.formError,
      selectedId: s.selectedId,
      profiles: s.profiles,
      remove: s.remove,
      test: s.test,
      testing: s.testing,
      verdict: s.verdict,
    })),
  );
  if (!editing) return null;
  const profile = profiles.find((p) => p.id === selectedId);
  const readOnly = profile?.source === 'env';
  const field = (key: keyof ProfileDraft, label: string, placeholder = '', type = 'text') => (
    <label className="conn-field">
      <span>{label}</span>
      <input
        type={type}
        value={(editing[key] as string | undefined) ?? ''}
        placeholder={placeholder}
        disabled={readOnly}
        autoComplete="off"
        onChange={(e) => edit({ ...editing, [key]: e.target.value })}
        data-testid={`conn-${key}`}
      />
    </label>
  );
  const authType = editing.authType ?? 'pat';
  const secretLabel = authType === 'oauth-m2m' ? 'Client secret' : 'Access token';
  return (
    <form
      className="conn-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="conn-form"
    >
      {readOnly && <p className="muted">This profile comes from the DATABRICKS_* environment variables; change them to edit it.</p>}
      {field('name', 'Name', 'Production warehouse')}
      {field('host', 'Host', 'adb-1234567890123456.7.azuredatabricks.net')}
      {field('httpPath', 'HTTP path', '/sql/1.0/warehouses/abcdef1234567890')}
      {field('warehouseId', 'or warehouse id', 'abcdef1234567890')}
      <div className="conn-row">
        {field('catalog', 'Catalog', 'main')}
        {field('schema', 'Schema', 'default')}
      </div>
      <label className="conn-field">
        <span>Authentication</span>
        <select
          value={authType}
          disabled={readOnly}
          onChange={(e) => edit({ ...editing, authType: e.target.value as ProfileDraft['authType'] })}
          data-testid="conn-authType"
        >
          {Object.entries(AUTH_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {authType !== 'pat' && field('clientId', authType === 'oauth-m2m' ? 'Client id' : 'Client id (optional)')}
      {authType !== 'pat' && (
        <label className="conn-field">
          <span>Token issuer on Azure workspaces</span>
          <select
            value={editing.oauthProvider ?? 'databricks'}
            disabled={readOnly}
            onChange={(e) => edit({ ...editing, oauthProvider: e.target.value as ProfileDraft['oauthProvider'] })}
            data-testid="conn-oauthProvider"
          >
            <option value="databricks">Databricks OAuth (workspace /oidc, default)</option>
            <option value="entra">Microsoft Entra ID</option>
          </select>
        </label>
      )}
      {authType !== 'pat' && editing.oauthProvider === 'entra' && field('azureTenantId', 'Entra tenant id', 'organizations')}
      {authType !== 'oauth-u2m' &&
        field(
          'secret',
          secretLabel,
          profile?.hasSecret ? 'stored — leave empty to keep it' : authType === 'pat' ? 'dapi…' : '',
          'password',
        )}
      {authType === 'oauth-u2m' && (
        <p className="muted">Test connection opens your browser to sign in; the tokens are kept in the secret store.</p>
      )}
      {field('caCertPath', 'Extra CA certificate (PEM file, optional)', '/etc/ssl/certs/corp-proxy.pem')}
      {formError && (
        <div className="error-box" role="alert" data-testid="conn-form-error">
          {formError}
        </div>
      )}
      <div className="toolbar">
        {!readOnly && (
          <button className="primary" type="submit" disabled={saving} data-testid="conn-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
        )}
        {selectedId && (
          <button type="button" onClick={() => void test()} disabled={testing} data-testid="conn-test">
            {testing ? 'Testing…' : 'Test connection'}
          </button>
        )}
        {selectedId && !readOnly && (
          <button type="button" className="danger" onClick={() => void remove()} data-testid="conn-delete">
            Delete
          </button>
        )}
      </div>
      {verdict && (
        <div
          className={verdict.ok ? 'conn-verdict ok' : 'conn-verdict bad'}
          role="status"
          data-testid="conn-verdict"
          data-verdict={verdict.verdict}
        >
          <strong>{verdict.ok ? 'Connected.' : VERDICT_TITLES[verdict.verdict]}</strong> {verdict.message}
        </div>
      )}
    </form>
  );
}

const VERDICT_TITLES: Record<string, string> = {
  ok: 'Connected.',
  unreachable: 'Host unreachable.',
  tls: 'TLS problem.',
  token_rejected: 'Token rejected.',
  warehouse_stopped: 'Warehouse stopped.',
  wrong_path: 'Wrong HTTP path.',
  no_secret: 'No credentials.',
  error: 'Connection failed.',
};

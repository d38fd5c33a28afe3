/** Removes secrets from text bound for logs, errors and exports: known values and bearer tokens. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
    .replace(/\bdapi[0-9a-f]{16,}\b/gi, '[redacted]')
    .replace(/("?(?:token|client_secret|password|access_token|refresh_token)"?\s*[:=]\s*"?)[^"\s,}]+/gi, '$1[redacted]');
}

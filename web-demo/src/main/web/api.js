// The demo pages' calls to skyrtc's HTTP API (docs/API.md) with an API key (dev mode accepts "dev").
export async function api(method, path, key, body) {
  const res = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${res.status} ${json.error?.code ?? ''}: ${json.error?.message ?? res.statusText}`);
  return json;
}

export async function isDevMode() {
  try { return (await (await fetch('/healthz')).json()).mode === 'dev'; } catch { return false; }
}

export const escape = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

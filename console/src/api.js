// Calls to the services through the gateway (same origin), with the signed-in user's bearer token.
import { userManager } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function token() {
  const user = await userManager.getUser();
  return user?.access_token;
}

/** A new access token with the refresh token (after a 401: expired while the tab slept); null when that fails. */
async function renewed() {
  try {
    return (await userManager.signinSilent())?.access_token ?? null;
  } catch {
    return null;
  }
}

export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const send = (t) => {
    const h = { Accept: 'application/json', ...headers };
    if (t) h.Authorization = `Bearer ${t}`;
    if (body !== undefined) h['Content-Type'] = 'application/json';
    return fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal });
  };
  let res = await send(await token());
  if (res.status === 401) {
    const t = await renewed();
    if (t) res = await send(t);
  }
  const type = res.headers.get('content-type') || '';
  const data = res.status === 204 ? null : type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

export const qs = (params) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.append(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

/**
 * Server-Sent Events read with fetch, so that the bearer token goes in the Authorization header (EventSource cannot
 * send headers, and the services take tokens from headers only). Reconnects with back-off until `signal` aborts.
 * onEvent gets each event's parsed JSON data; onState gets 'connecting' | 'live' | 'retrying'.
 */
export async function streamEvents(path, { signal, onEvent, onState = () => {} }) {
  let delay = 1000;
  while (!signal.aborted) {
    onState('connecting');
    try {
      const t = await token();
      const res = await fetch(path, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${t}` }, signal });
      if (!res.ok || !res.body) throw new ApiError(res.status, null);
      onState('live');
      delay = 1000;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(buffer.slice(cut).match(/^\r?\n\r?\n/)[0].length + cut);
          const data = block.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
          if (data) {
            try { onEvent(JSON.parse(data)); } catch { /* not JSON: ignored */ }
          }
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof ApiError && e.status === 403) { onState('forbidden'); return; }
      if (e instanceof ApiError && e.status === 401 && !(await renewed())) { onState('forbidden'); return; }
    }
    if (signal.aborted) return;
    onState('retrying');
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 15000);
  }
}

// Small shared building blocks: formatting, badges, async data hook, toasts.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export const fmtTime = (t) => (t ? new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) : '—');
export const fmtAgo = (t) => {
  if (!t) return '—';
  const s = Math.round((Date.now() - new Date(t).getTime()) / 1000);
  if (s < 60) return `${Math.max(s, 0)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
};
export const fmtNum = (v, digits = 2) =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toLocaleString(undefined, { maximumFractionDigits: digits });
export const pct = (kv) => (kv && typeof kv.value === 'number' ? `${(kv.value * 100).toFixed(1)} %` : '—');

export function Badge({ kind, children, title }) {
  return <span class={`badge badge-${String(kind || 'neutral').replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`} title={title}>{children}</span>;
}

export function Spinner({ label = 'Loading' }) {
  return <div class="spinner" role="status"><span class="spin" />{label}…</div>;
}

export function ErrorBox({ error, retry }) {
  if (!error) return null;
  const forbidden = error.status === 403;
  return (
    <div class="error-box" role="alert">
      <strong>{forbidden ? 'Not allowed' : 'Could not load'}</strong>
      <span>{forbidden ? 'Your role may not see this.' : error.message}</span>
      {retry && !forbidden && <button class="btn btn-small" onClick={retry}>Retry</button>}
    </div>
  );
}

export function Empty({ children }) {
  return <div class="empty">{children}</div>;
}

/** Loads `fn()` now, when `deps` change, and every `refreshMs` (when set); keeps the last data while reloading. */
export function useAsync(fn, deps, refreshMs) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const seq = useRef(0);
  const load = useCallback(async () => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await fn();
      if (n === seq.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (n === seq.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, deps);
  useEffect(() => {
    load();
    if (!refreshMs) return undefined;
    const id = setInterval(load, refreshMs);
    return () => clearInterval(id);
  }, [load]);
  return { ...state, reload: load };
}

let pushToast = () => {};
export const toast = (text, kind = 'ok') => pushToast({ text, kind, id: Math.random() });

export function Toasts() {
  const [items, setItems] = useState([]);
  useEffect(() => {
    pushToast = (t) => {
      setItems((xs) => [...xs, t]);
      setTimeout(() => setItems((xs) => xs.filter((x) => x.id !== t.id)), 5000);
    };
  }, []);
  return (
    <div class="toasts" aria-live="polite">
      {items.map((t) => <div key={t.id} class={`toast toast-${t.kind}`}>{t.text}</div>)}
    </div>
  );
}

/** A button running an async action: disabled while it runs, toasts the outcome, then calls onDone. */
export function ActionButton({ run, label, done, kind = 'primary', onDone, confirm: question, testid }) {
  const [busy, setBusy] = useState(false);
  const click = async () => {
    if (question && !window.confirm(question)) return;
    setBusy(true);
    try {
      await run();
      toast(done || `${label}: done`);
      onDone && onDone();
    } catch (e) {
      toast(`${label} failed: ${e.message}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return <button class={`btn btn-${kind}`} disabled={busy} onClick={click} data-testid={testid}>{busy ? `${label}…` : label}</button>;
}

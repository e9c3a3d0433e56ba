// Test data for the browser tests, made through the gateway's APIs with the demo users' tokens (password grant of
// the public client converge-console, as the README's examples): unique per run, cleaned up afterwards where it would
// otherwise stay active (campaigns cancelled, the alarm rule deleted).
import crypto from 'node:crypto';

export const GATEWAY = process.env.CONVERGE_GATEWAY_URL || 'http://localhost:8080';
const REALM = `${GATEWAY}/auth/realms/converge`;
const tokens = new Map();

export async function token(user) {
  const cached = tokens.get(user);
  if (cached && cached.until > Date.now()) return cached.token;
  const res = await fetch(`${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'converge-console', username: user, password: user }),
  });
  if (!res.ok) throw new Error(`token for ${user}: ${res.status} ${await res.text()}`);
  const t = await res.json();
  tokens.set(user, { token: t.access_token, until: Date.now() + (t.expires_in - 30) * 1000 });
  return t.access_token;
}

/** A call through the gateway as `user`; throws unless the status is 2xx (or listed in `ok`). */
export async function call(user, method, path, body, { headers = {}, ok = [], raw = false } = {}) {
  const h = { Authorization: `Bearer ${await token(user)}`, ...headers };
  let payload;
  if (body instanceof Uint8Array) payload = body;
  else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const res = await fetch(GATEWAY + path, { method, headers: h, body: payload });
  const text = await res.text();
  if (!res.ok && !ok.includes(res.status)) throw new Error(`${user} ${method} ${path} -> ${res.status} ${text.slice(0, 400)}`);
  const json = text && (res.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : null;
  return raw ? { status: res.status, headers: res.headers, json } : json;
}

export async function until(what, timeoutMs, fn) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** Everything the users act on in the browser; returns ids and a cleanup function. */
export async function prepare(fixture) {
  const { run } = fixture;
  const line = await call('viewer', 'GET', '/api/v1/sites/by-code/ACME-P1-L1');
  fixture.line = line;

  // a security alert with an asset: an asset of this run, its firmware changed with no campaign covering it
  // (rule 100130, ATT&CK T0839), acknowledged by the analyst in the browser; admin quarantines the asset from it
  const tag = `CT-${run}`;
  const input = {
    tag, name: `Console check sensor ${run}`, domain: 'OT', type: 'sensor', vendor: 'Endress+Hauser', model: 'Cerabar PMC51',
    ipAddress: `10.99.${Math.floor(run / 250) % 250}.${(run % 250) + 1}`, nodeId: line.id, criticality: 'high',
    firmwareVersion: '1.4.0', status: 'active',
  };
  const created = await call('engineer', 'POST', '/api/v1/assets', input, { raw: true });
  fixture.assetId = created.json.id;
  fixture.assetTag = tag;
  fixture.cleanup.push(() => call('admin', 'DELETE', `/api/v1/assets/${created.json.id}`, undefined, { ok: [404, 409] }));
  // security-service reads both changes from converge.asset.events, in order (key = asset id), and updates its
  // asset view before it judges a firmware change: the alert carries the asset
  const current = await call('engineer', 'GET', `/api/v1/assets/${created.json.id}`, undefined, { raw: true });
  await call('engineer', 'PUT', `/api/v1/assets/${created.json.id}`, { ...input, firmwareVersion: '9.9.9-unsigned' },
    { headers: { 'If-Match': current.headers.get('etag') } });

  // telemetry history for the live chart (the asset the viewer opens)
  fixture.telemetryTag = 'PLC-L1-01';
  fixture.metric = 'motor.temperature';

  // a KPI alarm for the operator: a metric rule on a run-specific metric, then a point beyond its threshold
  const metric = `console.check${run}`;
  const rule = await call('engineer', 'POST', '/api/v1/kpis/alarm-rules', {
    scope: 'asset:PLC-L1-02', metric, operator: '>', threshold: 50, forSeconds: 0, severity: 'warning',
    description: `Console check ${run}: capper torque above 50`,
  });
  fixture.alarmDescription = rule.description;
  fixture.cleanup.push(() => call('engineer', 'DELETE', `/api/v1/kpis/alarm-rules/${rule.id}`, undefined, { ok: [404] }));
  // the rule reaches kpi-service's evaluator at once (same replica); points before and beyond the threshold
  const now = Date.now();
  await call('engineer', 'POST', '/api/v1/telemetry/points', [
    { asset: 'PLC-L1-02', metric, ts: new Date(now - 2000).toISOString(), value: 20, messageId: `ct-${run}-1` },
    { asset: 'PLC-L1-02', metric, ts: new Date(now - 1000).toISOString(), value: 80, messageId: `ct-${run}-2` },
  ]);
  fixture.alarm = await until('the KPI alarm of the check rule', 60000, async () => {
    const page = await call('viewer', 'GET', '/api/v1/kpis/alarms?state=active&scope=asset:PLC-L1-02&limit=100');
    return page.items.find((a) => a.ruleId === rule.id);
  });

  // firmware: a vendor key, a signed release (Ed25519 over the artifact's SHA-256), released for campaigns
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const key = await call('engineer', 'POST', '/api/v1/firmware/vendor-keys', {
    vendor: 'ABB', name: `console-check-${run}`, algorithm: 'ed25519',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }),
  });
  const artifact = crypto.randomBytes(4096);
  const digest = crypto.createHash('sha256').update(artifact).digest();
  const signature = crypto.sign(null, digest, privateKey).toString('base64');
  // the campaigns target two drives of this run only, of a model of their own and in no site: a device without a
  // site is never offered an update, so nothing is rolled out to the plant's devices while campaigns run
  const model = `CC-${run}`;
  for (const n of [1, 2]) {
    const drive = await call('engineer', 'POST', '/api/v1/assets', {
      tag: `CT-${run}-DRV-${n}`, name: `Console check drive ${n}`, domain: 'OT', type: 'drive', vendor: 'ABB', model,
      criticality: 'low', firmwareVersion: '2.14.0', status: 'active',
    });
    fixture.cleanup.push(() => call('admin', 'DELETE', `/api/v1/assets/${drive.id}`, undefined, { ok: [404, 409] }));
  }
  const version = `2.15.${run}`;
  const q = new URLSearchParams({ vendor: 'ABB', version, model, sha256: digest.toString('hex'), signature, keyId: key.id,
    releaseNotes: 'console browser check' });
  const fw = await call('engineer', 'POST', `/api/v1/firmware?${q}`, new Uint8Array(artifact),
    { headers: { 'Content-Type': 'application/octet-stream' } });
  await call('engineer', 'POST', `/api/v1/firmware/${fw.id}/release`);
  // afterwards (once the campaigns are cancelled): the release and the key revoked, so no one picks them up
  fixture.cleanup.push(() => call('engineer', 'DELETE', `/api/v1/firmware/vendor-keys/${key.id}`));
  fixture.cleanup.push(() => call('engineer', 'POST', `/api/v1/firmware/${fw.id}/revoke`, { reason: 'browser check test firmware' }, { ok: [409] }));
  fixture.firmwareVersion = version;

  const campaign = async (user, name) => {
    const c = await call(user, 'POST', '/api/v1/campaigns', {
      name, firmwareId: fw.id, target: { type: ['drive'], model: [model] },
      plan: { canaryDevices: 1, wavePercents: [100], maxLineShare: 1 },
    });
    fixture.cleanup.push(() => call('admin', 'POST', `/api/v1/campaigns/${c.id}/cancel`, { reason: 'browser check done' }, { ok: [409] }));
    return c;
  };
  // for the approver: created and submitted by engineer
  fixture.toApprove = await campaign('engineer', `Check drives ${version} (approve ${run})`);
  await call('engineer', 'POST', `/api/v1/campaigns/${fixture.toApprove.id}/submit`);
  // for approver2: created and submitted by engineer2 (approver2 rejects it)
  fixture.toReject = await campaign('engineer2', `Check drives ${version} (reject ${run})`);
  await call('engineer2', 'POST', `/api/v1/campaigns/${fixture.toReject.id}/submit`);
  // for engineer2: a draft of engineer2's to submit
  fixture.draft = await campaign('engineer2', `Check drives ${version} (draft ${run})`);
  // for engineer (pause) and admin (resume): running (its devices have no site: nothing is offered to them)
  fixture.running = await campaign('engineer2', `Check drives ${version} (rollout ${run})`);
  for (const [user, action] of [['engineer2', 'submit'], ['approver2', 'approve'], ['engineer2', 'schedule'], ['engineer2', 'start']]) {
    await call(user, 'POST', `/api/v1/campaigns/${fixture.running.id}/${action}`);
  }

  // the alert is awaited by the analyst's scenario (security-service judges the change meanwhile)
  fixture.cleanup.push(async () => { // the run's alerts resolved (their asset is deleted)
    const page = await call('analyst', 'GET', `/api/v1/security/alerts?assetId=${fixture.assetId}`);
    for (const a of page.items.filter((x) => !['resolved', 'false-positive'].includes(x.state))) {
      await call('analyst', 'POST', `/api/v1/security/alerts/${a.id}/transition`, { state: 'resolved', note: 'browser check done' });
    }
  });
  fixture.awaitAlert = () => until('alert 100130 on the check asset', 120000, async () => {
    const page = await call('analyst', 'GET', `/api/v1/security/alerts?ruleId=100130&assetId=${fixture.assetId}`);
    return page.items.find((a) => a.state === 'new');
  });
  return fixture;
}

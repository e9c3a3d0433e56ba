// Firmware campaigns: state, firmware, wave progress (from the frozen target list and each device's deployment
// state); submit / pause / resume (engineer), approve / reject (approver, never the creator), cancel.
import { useState } from 'preact/hooks';
import { api, qs } from './api.js';
import { ActionButton, Badge, Empty, ErrorBox, Spinner, fmtAgo, useAsync } from './ui.jsx';

const stateKind = {
  draft: 'neutral', 'pending-approval': 'warn', approved: 'info', scheduled: 'info', running: 'ok', paused: 'warn',
  completed: 'muted', cancelled: 'muted', failed: 'danger',
};
const TERMINAL = new Set(['completed', 'cancelled', 'failed']);
const DONE = new Set(['succeeded']);
const FAILED = new Set(['failed', 'timed-out']);

async function loadTargets(id) {
  const all = [];
  let cursor;
  do {
    const page = await api(`/api/v1/campaigns/${id}/targets${qs({ limit: 1000, cursor })}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < 10000);
  return all;
}

async function loadCampaigns(filter) {
  const page = await api(`/api/v1/campaigns${qs({ limit: 50, state: filter === 'active' ? undefined : undefined })}`);
  const items = filter === 'active' ? page.items.filter((c) => !TERMINAL.has(c.state)) : page.items;
  const [firmware] = await Promise.all([api(`/api/v1/firmware${qs({ limit: 500 })}`).catch(() => ({ items: [] }))]);
  const fw = new Map((firmware.items || []).map((f) => [f.id, f]));
  return Promise.all(items.map(async (c) => {
    const [detail, targets] = await Promise.all([api(`/api/v1/campaigns/${c.id}`), loadTargets(c.id).catch(() => [])]);
    return { ...detail, firmware: fw.get(c.firmwareId), targets };
  }));
}

function WaveProgress({ c }) {
  return (
    <div class="waves">
      {(c.waves || []).map((w) => {
        const ts = c.targets.filter((t) => t.wave === w.index);
        const ok = ts.filter((t) => DONE.has(t.deploymentState)).length;
        const bad = ts.filter((t) => FAILED.has(t.deploymentState)).length;
        const busy = ts.filter((t) => !DONE.has(t.deploymentState) && !FAILED.has(t.deploymentState) && t.deploymentState !== 'pending').length;
        const size = w.size || ts.length || 1;
        const current = c.currentWave === w.index && (c.state === 'running' || c.state === 'paused');
        return (
          <div class={`wave ${current ? 'current' : ''}`} key={w.index} data-testid={`wave-${w.index}`}>
            <div class="wave-head"><span>{w.name}</span><span class="muted small">{ok}/{w.size} updated{bad ? ` · ${bad} failed` : ''}{busy ? ` · ${busy} in progress` : ''}</span></div>
            <div class="bar stacked">
              <span class="ok" style={{ width: `${(ok / size) * 100}%` }} />
              <span class="danger" style={{ width: `${(bad / size) * 100}%` }} />
              <span class="info" style={{ width: `${(busy / size) * 100}%` }} />
            </div>
          </div>
        );
      })}
    </div>
  );
}

function Actions({ c, caps, me, reload }) {
  const act = (action, label, done, kind = 'primary', question) => (
    <ActionButton key={action} label={label} done={done} kind={kind} confirm={question} testid={`campaign-${action}`}
      run={() => api(`/api/v1/campaigns/${c.id}/${action}`, { method: 'POST', body: { reason: `${label} in the console` } })}
      onDone={reload} />
  );
  const mine = c.createdBy === me;
  const buttons = [];
  if (caps.operateCampaign && c.state === 'draft') buttons.push(act('submit', 'Submit for approval', 'Submitted for approval'));
  if (caps.approveCampaign && c.state === 'pending-approval' && !mine) {
    buttons.push(act('approve', 'Approve', 'Campaign approved'));
    buttons.push(act('reject', 'Reject', 'Campaign sent back to draft', 'secondary'));
  }
  if (caps.operateCampaign && c.state === 'running') buttons.push(act('pause', 'Pause', 'Campaign paused', 'secondary'));
  if (caps.operateCampaign && c.state === 'paused') buttons.push(act('resume', 'Resume', 'Campaign resumed'));
  if (caps.cancelCampaign && !TERMINAL.has(c.state)) buttons.push(act('cancel', 'Cancel', 'Campaign cancelled', 'danger', `Cancel campaign “${c.name}”?`));
  return (
    <div class="actions">
      {buttons}
      {caps.approveCampaign && c.state === 'pending-approval' && mine && <span class="muted small">You created this campaign: a second person approves it.</span>}
    </div>
  );
}

export function CampaignsView({ caps, me }) {
  const [filter, setFilter] = useState('active');
  const data = useAsync(() => loadCampaigns(filter), [filter], 10000);
  return (
    <section class="panel">
      <div class="panel-head">
        <h2>Firmware campaigns</h2>
        <div class="segmented" role="group" aria-label="campaign filter">
          <button class={filter === 'active' ? 'active' : ''} onClick={() => setFilter('active')}>active</button>
          <button class={filter === 'all' ? 'active' : ''} onClick={() => setFilter('all')}>all</button>
        </div>
      </div>
      <ErrorBox error={data.error} retry={data.reload} />
      {data.loading && !data.data && <Spinner />}
      {data.data?.length === 0 && <Empty>No {filter === 'active' ? 'active ' : ''}campaigns.</Empty>}
      <div class="campaigns">
        {data.data?.map((c) => (
          <article class="card campaign" key={c.id} data-campaign={c.name} data-state={c.state}>
            <div class="card-head">
              <div>
                <strong>{c.name}</strong>
                <div class="muted small">
                  {c.firmware ? `${c.firmware.vendor} ${c.firmware.version}` : 'firmware'} · {c.targetCount} devices in {c.waveCount} waves ·
                  created by {c.createdBy} {fmtAgo(c.createdAt)}{c.approvedBy ? ` · approved by ${c.approvedBy}` : ''}
                </div>
              </div>
              <Badge kind={stateKind[c.state]}>{c.state}</Badge>
            </div>
            <WaveProgress c={c} />
            {c.excluded?.length > 0 && <div class="muted small">{c.excluded.length} matched assets excluded ({[...new Set(c.excluded.map((e) => e.reason))].join(', ')})</div>}
            <Actions c={c} caps={caps} me={me} reload={data.reload} />
          </article>
        ))}
      </div>
    </section>
  );
}

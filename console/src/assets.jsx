// Asset registry: the ISA-95 tree (site → line → asset) with status, zone, criticality, firmware; search by name/tag.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, qs } from './api.js';
import { Badge, Empty, ErrorBox, Spinner, useAsync } from './ui.jsx';

/** Sites with their lines (from each site's tree: areas and cells are folded), shared by the asset and KPI views. */
let plantCache = null; // { at, promise }: the hierarchy changes rarely; shared by the views for a minute

export function loadPlant() {
  if (!plantCache || Date.now() - plantCache.at > 60000) {
    const promise = fetchPlant();
    plantCache = { at: Date.now(), promise };
    promise.catch(() => { if (plantCache?.promise === promise) plantCache = null; });
  }
  return plantCache.promise;
}

async function fetchPlant() {
  const sites = (await api(`/api/v1/sites${qs({ level: 'site', limit: 500 })}`)).items;
  const trees = await Promise.all(sites.map((s) => api(`/api/v1/sites/${s.id}/tree`)));
  return sites.map((s, i) => {
    const lines = [];
    const walk = (n) => { if (n.level === 'line') lines.push(n); (n.children || []).forEach(walk); };
    walk(trees[i]);
    return { ...s, totalAssetCount: trees[i].totalAssetCount, lines };
  });
}

export async function loadZones() {
  const zones = (await api(`/api/v1/zones${qs({ limit: 500 })}`)).items || [];
  return new Map(zones.map((z) => [z.id, z]));
}

const statusKind = { active: 'ok', maintenance: 'warn', planned: 'neutral', quarantined: 'danger', retired: 'muted' };
const critKind = { low: 'muted', medium: 'neutral', high: 'warn', critical: 'danger' };

export function StatusBadge({ status }) { return <Badge kind={statusKind[status] || 'neutral'}>{status}</Badge>; }
export function CritBadge({ criticality }) { return <Badge kind={`crit-${critKind[criticality] || 'neutral'}`}>{criticality || '—'}</Badge>; }

export function AssetsView({ navigate }) {
  const plant = useAsync(loadPlant, []);
  const zones = useAsync(loadZones, []);
  const [open, setOpen] = useState({});
  const [selected, setSelected] = useState(null); // {kind:'line'|'site', id, name}
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    const t = setTimeout(() => setSearch(query.trim()), 250);
    return () => clearTimeout(t);
  }, [query]);

  useEffect(() => {
    if (!selected && plant.data?.length) {
      // the first site with lines opens on its first line; a plant of sites without lines opens on its first site
      const s = plant.data.find((x) => x.lines.length) || plant.data[0];
      setOpen({ [s.id]: true });
      setSelected(s.lines.length ? { kind: 'line', id: s.lines[0].id, name: `${s.name} / ${s.lines[0].name}` }
        : { kind: 'site', id: s.id, name: s.name });
    }
  }, [plant.data]);

  const filter = search ? { q: search } : selected ? { [selected.kind]: selected.id } : null;
  const assets = useAsync(
    async () => (filter ? (await api(`/api/v1/assets${qs({ ...filter, sort: 'tag', limit: 500 })}`)).items : []),
    [JSON.stringify(filter)],
  );

  return (
    <div class="split">
      <aside class="panel tree" aria-label="plant hierarchy">
        <div class="panel-head"><h2>Plant</h2></div>
        {plant.loading && !plant.data && <Spinner />}
        <ErrorBox error={plant.error} retry={plant.reload} />
        {plant.data?.length === 0 && <Empty>No sites registered yet.</Empty>}
        <ul>
          {plant.data?.map((s) => (
            <li key={s.id}>
              <button class={`tree-node site ${selected?.id === s.id ? 'active' : ''}`}
                onClick={() => { setOpen({ ...open, [s.id]: !open[s.id] }); setSelected({ kind: 'site', id: s.id, name: s.name }); setQuery(''); }}>
                <span class="caret">{open[s.id] ? '▾' : '▸'}</span>
                <span class="tree-label">{s.name}</span>
                <span class="count">{s.totalAssetCount}</span>
              </button>
              {open[s.id] && (
                <ul>
                  {s.lines.map((l) => (
                    <li key={l.id}>
                      <button class={`tree-node line ${selected?.id === l.id ? 'active' : ''}`} data-testid={`line-${l.code}`}
                        onClick={() => { setSelected({ kind: 'line', id: l.id, name: `${s.name} / ${l.name}` }); setQuery(''); }}>
                        <span class="caret">{selected?.id === l.id && !search ? '▾' : '▸'}</span>
                        <span class="tree-label">{l.name}</span>
                        <span class="count">{l.totalAssetCount}</span>
                      </button>
                      {selected?.id === l.id && !search && assets.data && (
                        <ul class="tree-assets">
                          {assets.data.map((a) => (
                            <li key={a.id}>
                              <button class="tree-node asset" title={`${a.name} · ${a.status}`}
                                onClick={() => navigate(`/assets/${encodeURIComponent(a.tag)}`)}>
                                <span class={`dot dot-${statusKind[a.status] || 'neutral'}`} />
                                <span class="tree-label mono">{a.tag}</span>
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </aside>
      <section class="panel grow">
        <div class="panel-head">
          <h2>{search ? `Search “${search}”` : selected?.name || 'Assets'}</h2>
          <input class="search" type="search" placeholder="Search assets by tag or name" value={query}
            onInput={(e) => setQuery(e.currentTarget.value)} aria-label="search assets" />
        </div>
        <ErrorBox error={assets.error} retry={assets.reload} />
        {assets.loading && !assets.data && <Spinner />}
        {assets.data && (
          assets.data.length === 0 ? <Empty>No assets match.</Empty> : (
            <table class="table" data-testid="asset-table">
              <thead>
                <tr><th>Tag</th><th>Name</th><th>Type</th><th>Status</th><th>Zone</th><th>Criticality</th><th>Firmware</th><th /></tr>
              </thead>
              <tbody>
                {assets.data.map((a) => (
                  <tr key={a.id} class="clickable" onClick={() => navigate(`/assets/${encodeURIComponent(a.tag)}`)}>
                    <td class="mono">{a.tag}</td>
                    <td>{a.name}</td>
                    <td><span class="domain">{a.domain}</span> {a.type}</td>
                    <td><StatusBadge status={a.status} /></td>
                    <td>{zones.data?.get(a.zoneId)?.name || (a.zoneId ? '…' : '—')}</td>
                    <td><CritBadge criticality={a.criticality} /></td>
                    <td class="mono">{a.firmwareVersion || '—'}</td>
                    <td class="right"><span class="link">Telemetry →</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        )}
      </section>
    </div>
  );
}

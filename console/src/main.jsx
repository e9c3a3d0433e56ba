// The Converge console: one page, signed in through Keycloak, reading and acting through the gateway's /api/v1.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { capabilities, currentUser, rolesOf, signIn, signOut, userManager } from './auth.js';
import { AssetsView } from './assets.jsx';
import { AssetTelemetryView } from './telemetry.jsx';
import { KpisView } from './kpis.jsx';
import { CampaignsView } from './campaigns.jsx';
import { SecurityView } from './security.jsx';
import { Spinner, Toasts } from './ui.jsx';
import './styles.css';

const NAV = [
  { path: '/assets', label: 'Assets', icon: '▦', allowed: (c) => c.view },
  { path: '/kpis', label: 'KPIs & alarms', icon: '◔', allowed: (c) => c.view },
  { path: '/campaigns', label: 'Firmware', icon: '⇪', allowed: (c) => c.view },
  { path: '/security', label: 'Security', icon: '⚠', allowed: (c) => c.security },
];

function usePath() {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const on = () => setPath(window.location.pathname);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  const navigate = (p) => { window.history.pushState({}, '', p); setPath(p); window.scrollTo(0, 0); };
  return [path, navigate];
}

function Logo() {
  return (
    <div class="logo"><svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true"><circle cx="16" cy="16" r="14" fill="var(--accent)" /><path d="M9 17a7 7 0 0 1 14 0" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" /><circle cx="16" cy="17" r="2.5" fill="#fff" /></svg><span>Converge</span></div>
  );
}

function SignIn({ error }) {
  return (
    <div class="signin">
      <div class="signin-card">
        <Logo />
        <h1>IT/OT operations console</h1>
        <p class="muted">Assets, live telemetry, KPIs, firmware patching and security across your plants.</p>
        {error && <div class="error-box" role="alert"><strong>Sign-in failed</strong><span>{error}</span></div>}
        <button class="btn btn-primary btn-large" onClick={() => signIn()} data-testid="sign-in">Sign in with Converge SSO</button>
        <p class="muted small">Single sign-on through Keycloak (realm converge).</p>
      </div>
    </div>
  );
}

function NoAccess({ user }) {
  return (
    <div class="no-access" data-testid="no-access">
      <div class="signin-card">
        <div class="big-icon">⊘</div>
        <h1>No access</h1>
        <p>You are signed in as <strong>{user.profile.preferred_username}</strong>, but your account has no Converge role.</p>
        <p class="muted">Ask an administrator for one of the roles viewer, operator, engineer, approver or security-analyst.</p>
        <button class="btn btn-secondary" onClick={() => signOut()}>Sign out</button>
      </div>
    </div>
  );
}

function Shell({ user }) {
  const roles = rolesOf(user);
  const caps = capabilities(roles);
  const [path, navigate] = usePath();
  const me = user.profile.preferred_username;
  if (!caps.view) return <NoAccess user={user} />;
  const nav = NAV.filter((n) => n.allowed(caps));
  let route = path;
  if (path === '/' || path === '/callback' || !nav.some((n) => path.startsWith(n.path))) route = '/assets';
  const shown = ['admin', 'engineer', 'operator', 'approver', 'security-analyst', 'viewer'].filter((r) => roles.has(r));
  let view;
  if (route.startsWith('/assets/')) view = <AssetTelemetryView tag={decodeURIComponent(route.slice(8))} navigate={navigate} />;
  else if (route === '/assets') view = <AssetsView navigate={navigate} />;
  else if (route === '/kpis') view = <KpisView caps={caps} />;
  else if (route === '/campaigns') view = <CampaignsView caps={caps} me={me} />;
  else if (route === '/security') view = <SecurityView caps={caps} />;
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="main">
        <Logo />
        {nav.map((n) => (
          <a key={n.path} href={n.path} class={route.startsWith(n.path) ? 'active' : ''} data-nav={n.path.slice(1)}
            onClick={(e) => { e.preventDefault(); navigate(n.path); }}>
            <span class="icon">{n.icon}</span>{n.label}
          </a>
        ))}
        <div class="sidebar-foot muted small">Data through the gateway · {window.location.host}</div>
      </nav>
      <main>
        <header class="topbar">
          <h1>{nav.find((n) => route.startsWith(n.path))?.label}</h1>
          <div class="user">
            <div class="user-name" data-testid="user-name">{user.profile.name || me}</div>
            <div class="roles" data-testid="roles">{shown.map((r) => <span key={r} class="role">{r}</span>)}</div>
            <button class="btn btn-ghost" onClick={() => signOut()}>Sign out</button>
          </div>
        </header>
        <div class="content">{view}</div>
      </main>
      <Toasts />
    </div>
  );
}

function App() {
  const [state, setState] = useState({ loading: true });
  useEffect(() => {
    currentUser().then((user) => setState({ user }), (e) => setState({ error: e.message }));
    const onLoaded = (user) => setState({ user });
    const onGone = () => setState({ user: null });
    userManager.events.addUserLoaded(onLoaded);
    userManager.events.addUserSignedOut(onGone);
    userManager.events.addSilentRenewError(onGone);
    return () => {
      userManager.events.removeUserLoaded(onLoaded);
      userManager.events.removeUserSignedOut(onGone);
      userManager.events.removeSilentRenewError(onGone);
    };
  }, []);
  if (state.loading) return <div class="signin"><Spinner label="Signing in" /></div>;
  if (!state.user) return <SignIn error={state.error} />;
  return <Shell user={state.user} />;
}

render(<App />, document.getElementById('app'));

// Sign-in through Keycloak: authorization code + PKCE (S256) with oidc-client-ts, public client `converge-console`.
//
// The discovery document is read through the gateway (/auth/ → Keycloak with Host localhost:8180), so the issuer is
// the one the services trust (http://localhost:8180/realms/converge) and the browser is sent to Keycloak's own login
// page (its authorization endpoint). The back-channel calls (token, refresh, user info, JWKS) go through the gateway
// too: same origin as the console, no CORS needed.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

const origin = window.location.origin;
const gatewayRealm = `${origin}/auth/realms/converge`;

export const userManager = new UserManager({
  authority: gatewayRealm,
  metadataUrl: `${gatewayRealm}/.well-known/openid-configuration`,
  metadataSeed: {
    token_endpoint: `${gatewayRealm}/protocol/openid-connect/token`,
    userinfo_endpoint: `${gatewayRealm}/protocol/openid-connect/userinfo`,
    jwks_uri: `${gatewayRealm}/protocol/openid-connect/certs`,
    revocation_endpoint: `${gatewayRealm}/protocol/openid-connect/revoke`,
  },
  client_id: 'converge-console',
  redirect_uri: `${origin}/callback`,
  post_logout_redirect_uri: `${origin}/`,
  response_type: 'code',
  scope: 'openid profile',
  automaticSilentRenew: true, // refresh-token grant shortly before the 15-minute access token expires
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  loadUserInfo: false,
});

/** Realm roles of the access token (Keycloak puts the effective, composite-expanded roles in realm_access.roles). */
export function rolesOf(user) {
  if (!user?.access_token) return new Set();
  try {
    const payload = user.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(decodeURIComponent(escape(atob(payload))));
    return new Set(json?.realm_access?.roles ?? []);
  } catch {
    return new Set();
  }
}

// What each role may do (README "Demo users", DESIGN.md "Security"): admin > engineer > operator > viewer;
// approver and security-analyst include viewer. The services decide; the console only avoids offering what they refuse.
export function capabilities(roles) {
  const has = (r) => roles.has(r) || roles.has('admin');
  const viewer = has('viewer') || has('operator') || has('engineer') || has('approver') || has('security-analyst');
  return {
    view: viewer,
    ackAlarm: has('operator') || has('engineer'),
    approveCampaign: has('approver'),
    operateCampaign: has('engineer'), // submit, pause, resume
    cancelCampaign: has('engineer') || has('approver'),
    security: has('security-analyst'),
    quarantine: has('security-analyst'),
  };
}

export async function currentUser() {
  const url = new URL(window.location.href);
  if (url.pathname === '/callback') {
    if (url.searchParams.has('error')) {
      throw new Error(url.searchParams.get('error_description') || url.searchParams.get('error'));
    }
    const user = await userManager.signinRedirectCallback();
    const back = typeof user.state === 'string' && user.state.startsWith('/') ? user.state : '/';
    window.history.replaceState({}, '', back);
    return user;
  }
  const user = await userManager.getUser();
  if (user && !user.expired) return user;
  if (user?.refresh_token) {
    try {
      return await userManager.signinSilent();
    } catch {
      await userManager.removeUser();
    }
  }
  return null;
}

export function signIn() {
  return userManager.signinRedirect({ state: window.location.pathname + window.location.search });
}

export function signOut() {
  return userManager.signoutRedirect();
}

#!/usr/bin/env bash
# Checks the running local Keycloak against the realm contract: every demo user gets a token through converge-console
# (password grant) with the expected effective realm roles and audience converge-api; every service client gets a
# token through client_credentials. Usage: infra/keycloak/check-realm.sh [keycloak url]   (needs curl + python3)
set -euo pipefail
KC=${1:-http://localhost:8180}
TOKEN_URL="$KC/realms/converge/protocol/openid-connect/token"

check() { # <label> <expected roles, comma separated> <curl -d args...>
  local label=$1 expected=$2; shift 2
  local body
  body=$(curl -sS "${@/#/-d}" "$TOKEN_URL")
  python3 - "$label" "$expected" "$body" <<'PY'
import base64, json, sys
label, expected, body = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if "access_token" not in body:
    sys.exit(f"FAIL {label}: {body}")
payload = body["access_token"].split(".")[1]
claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
roles = set(claims.get("realm_access", {}).get("roles", []))
aud = claims.get("aud", [])
aud = [aud] if isinstance(aud, str) else aud
ours = {"viewer", "operator", "engineer", "approver", "security-analyst", "admin", "device"}
want = set(filter(None, expected.split(",")))
problems = []
if roles & ours != want:
    problems.append(f"roles {sorted(roles & ours)} != expected {sorted(want)}")
if "converge-api" not in aud:
    problems.append(f"aud {aud} lacks converge-api")
if not claims.get("iss", "").endswith("/realms/converge"):
    problems.append(f"unexpected iss {claims.get('iss')}")
if problems:
    sys.exit(f"FAIL {label}: " + "; ".join(problems))
print(f"ok   {label:<28} roles={sorted(roles & ours)} aud={aud} exp-iat={claims['exp'] - claims['iat']}s")
PY
}

declare -A USERS=(
  [viewer]="viewer"
  [operator]="operator,viewer"
  [engineer]="engineer,operator,viewer"
  [engineer2]="engineer,operator,viewer"
  [approver]="approver,viewer"
  [approver2]="approver,viewer"
  [analyst]="security-analyst,viewer"
  [admin]="admin,engineer,operator,viewer,approver,security-analyst"
  [nobody]=""
)
declare -A CLIENTS=(
  [asset-service]="viewer" [telemetry-service]="viewer" [kpi-service]="viewer" [patch-service]="viewer"
  [security-service]="viewer,security-analyst" [converge-device]="device"
)
for u in viewer operator engineer engineer2 approver approver2 analyst admin nobody; do
  check "user $u" "${USERS[$u]}" grant_type=password client_id=converge-console "username=$u" "password=$u"
done
for c in asset-service telemetry-service kpi-service patch-service security-service converge-device; do
  check "client $c" "${CLIENTS[$c]}" grant_type=client_credentials "client_id=$c" "client_secret=$c-secret"
done
echo "realm converge: all checks passed"

"""Shared by the demo loaders: a demo user's token from Keycloak and JSON calls to a service's public API."""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

KC = os.environ.get("CONVERGE_KEYCLOAK_REALM_URL", "http://localhost:8180/realms/converge")


def token(user):
    form = urllib.parse.urlencode({"grant_type": "password", "client_id": "converge-console",
                                   "username": user, "password": user}).encode()
    with urllib.request.urlopen(urllib.request.Request(KC + "/protocol/openid-connect/token", form)) as r:
        return json.load(r)["access_token"]


class Api:
    """Calls one service as one user; statuses in `ok` (and 404) are answers, anything else stops the loader."""

    def __init__(self, base, user):
        self.base = base
        self.token = token(user)

    def call(self, method, path, body=None, ok=(200, 201)):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + self.token,
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, json.load(r) if r.length != 0 else None
        except urllib.error.HTTPError as e:
            if e.code in ok or e.code == 404:
                return e.code, None
            sys.exit(f"demo data: {method} {path} -> {e.code} {e.read().decode()[:500]}")

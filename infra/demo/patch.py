"""Firmware demo data for ./converge up: the Siemens vendor signing key, two signed releases of the S7-1212C firmware
(V4.5.2, which the capper PLCs PLC-L{1..6}-02 run, so a failed update has a version to roll back to, and V4.6.0, the
one a campaign rolls out) and each site's maintenance window (ACME-P1 every night from 22:00 for 8 h, Europe/Paris;
ACME-P2 on Sundays from 02:00 for 4 h, Europe/Madrid).

The artifacts are generated (the same bytes every run), signed as patch-service verifies them (Ed25519 over the
artifact's SHA-256 digest) with a key made for this run; the private key is never stored. Idempotent: versions already
in the catalog are not uploaded again (a run that finds both skips the key), verified ones are released, existing
windows (201 once, 428 after) are left as they are.
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

from demo_api import Api

ASSETS = Api(os.environ.get("CONVERGE_ASSET_URL", "http://localhost:8081"), "engineer")
PATCH_URL = os.environ.get("CONVERGE_PATCH_URL", "http://localhost:8084")
PATCH = Api(PATCH_URL, "engineer")
VENDOR, MODEL = "Siemens", "S7-1212C"
RELEASES = (("V4.5.2", "Baseline firmware of the capper PLCs"),
            ("V4.6.0", "Security fix: authenticated S7comm-plus sessions, web server hardening (SSA-2026-114)"))


def artifact(version):
    """A deterministic 256 KiB image: a header, then a SHA-256 chain seeded with the version."""
    out = bytearray(f"S7-1212C firmware {version}\n".encode())
    block = hashlib.sha256(version.encode()).digest()
    while len(out) < 256 * 1024:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:256 * 1024])


class SigningKey:
    """A fresh Ed25519 key: with the `cryptography` package when Python has it, else with the openssl command."""

    def __init__(self):
        try:
            from cryptography.hazmat.primitives import serialization
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        except ImportError:
            self._dir = tempfile.TemporaryDirectory()
            self._key = os.path.join(self._dir.name, "vendor.key")
            subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", self._key], check=True)
            self.public_pem = subprocess.run(["openssl", "pkey", "-in", self._key, "-pubout"], check=True,
                                             capture_output=True, text=True).stdout
            self.sign = self._openssl_sign
            return
        key = Ed25519PrivateKey.generate()
        self.public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        self.sign = key.sign

    def _openssl_sign(self, digest):
        message = os.path.join(self._dir.name, "digest")  # Ed25519 with -rawin reads its input from a file
        with open(message, "wb") as f:
            f.write(digest)
        return subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", self._key, "-rawin", "-in", message],
                              check=True, capture_output=True).stdout


def upload(key, key_id, version, notes):
    body = artifact(version)
    digest = hashlib.sha256(body).digest()
    query = urllib.parse.urlencode({"vendor": VENDOR, "version": version, "model": MODEL, "keyId": key_id,
                                    "sha256": digest.hex(), "releaseNotes": notes,
                                    "signature": base64.b64encode(key.sign(digest)).decode()})
    req = urllib.request.Request(f"{PATCH_URL}/api/v1/firmware?{query}", data=body, method="POST",
                                 headers={"Authorization": "Bearer " + PATCH.token,
                                          "Content-Type": "application/octet-stream"})
    try:
        with urllib.request.urlopen(req) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        sys.exit(f"demo data: firmware upload {version} -> {e.code} {e.read().decode()[:500]}")


catalog = {f["version"]: f for f in (PATCH.call("GET", f"/api/v1/firmware?vendor={VENDOR}&limit=500")[1] or {})
           .get("items", []) if f["state"] != "revoked"}
missing = [(v, n) for v, n in RELEASES if v not in catalog]
if missing:
    key = SigningKey()
    status, registered = PATCH.call("POST", "/api/v1/firmware/vendor-keys",
                                    {"vendor": VENDOR, "name": "demo release key", "algorithm": "ed25519",
                                     "publicKey": key.public_pem})
    for version, notes in missing:
        catalog[version] = upload(key, registered["id"], version, notes)
for version, _ in RELEASES:
    if catalog[version]["state"] == "verified":
        PATCH.call("POST", f"/api/v1/firmware/{catalog[version]['id']}/release", ok=(200, 409))

for code, cron, duration, zone in (("ACME-P1", "0 22 * * *", "PT8H", "Europe/Paris"),
                                   ("ACME-P2", "0 2 * * 0", "PT4H", "Europe/Madrid")):
    site = ASSETS.call("GET", "/api/v1/sites/by-code/" + code)[1]["id"]
    PATCH.call("PUT", f"/api/v1/campaigns/windows/{site}", {"cron": cron, "duration": duration, "zone": zone},
               ok=(201, 428))
print(f"demo data: {VENDOR} {MODEL} firmware {', '.join(v for v, _ in RELEASES)} released "
      f"({len(missing)} uploaded now), maintenance windows of ACME-P1 and ACME-P2")

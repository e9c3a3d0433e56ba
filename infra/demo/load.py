"""Demo data for ./converge up: one enterprise, a bottling plant with two lines, IEC 62443 zones and ~30 assets.

Idempotent: nodes, zones and conduits are looked up by code/name before being created; assets go through the bulk
import, which upserts by tag (a second run reports them unchanged).
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from demo_api import Api

API = os.environ.get("CONVERGE_ASSET_URL", "http://localhost:8081")
ASSETS = Api(API, "engineer")
TOKEN = ASSETS.token
call = ASSETS.call


def node(level, code, name, parent=None):
    status, found = call("GET", "/api/v1/sites/by-code/" + urllib.parse.quote(code))
    if status == 200:
        return found["id"]
    body = {"level": level, "code": code, "name": name}
    if parent:
        body["parentId"] = parent
    return call("POST", "/api/v1/sites", body)[1]["id"]


def zone(name, sl_t, sl_a, site, description):
    status, page = call("GET", "/api/v1/zones?q=" + urllib.parse.quote(name))
    for z in (page or {}).get("items", []):
        if z["name"] == name:
            return z["id"]
    return call("POST", "/api/v1/zones", {"name": name, "slTarget": sl_t, "slAchieved": sl_a, "siteId": site,
                                           "description": description})[1]["id"]


def conduit(name, a, b, protocols, sl_t):
    status, page = call("GET", "/api/v1/zones/conduits?zoneId=" + a)
    if any(c["name"] == name for c in (page or {}).get("items", [])):
        return
    call("POST", "/api/v1/zones/conduits", {"name": name, "fromZoneId": a, "toZoneId": b, "protocols": protocols,
                                            "slTarget": sl_t})


acme = node("enterprise", "ACME", "ACME Beverages")
plant = node("site", "ACME-P1", "Bottling plant Lyon", acme)
pack = node("area", "ACME-P1-PACK", "Packaging", plant)
util = node("area", "ACME-P1-UTIL", "Utilities", plant)
l1 = node("line", "ACME-P1-L1", "Filling line 1", pack)
l2 = node("line", "ACME-P1-L2", "Filling line 2", pack)
node("cell", "ACME-P1-L1-FILL", "Filler cell", l1)
node("cell", "ACME-P1-L1-CAP", "Capper cell", l1)

it = zone("Enterprise IT", 2, 2, plant, "Office network and business systems")
dmz = zone("Plant DMZ", 3, 2, plant, "Historian, patch relay, remote access jump host")
ctl1 = zone("Control line 1", 3, 3, plant, "PLCs, HMIs and drives of filling line 1")
ctl2 = zone("Control line 2", 3, 2, plant, "PLCs, HMIs and drives of filling line 2")
safety = zone("Safety", 4, 3, plant, "Safety instrumented systems")
conduit("IT to DMZ", it, dmz, ["https", "rdp"], 3)
conduit("DMZ to line 1", dmz, ctl1, ["opc-ua", "s7comm"], 3)
conduit("DMZ to line 2", dmz, ctl2, ["opc-ua", "modbus-tcp"], 3)

assets = []


def asset(tag, name, domain, type_, vendor, model, ip, location, zone_name, crit, fw, **labels):
    a = {"tag": tag, "name": name, "domain": domain, "type": type_, "vendor": vendor, "model": model,
         "ipAddress": ip, "location": location, "zone": zone_name, "criticality": crit, "firmwareVersion": fw,
         "status": "active", "labels": labels}
    assets.append(a)


for n, (loc, zn, net) in enumerate([("ACME-P1-L1", "Control line 1", "10.20.1"),
                                     ("ACME-P1-L2", "Control line 2", "10.20.2")], start=1):
    asset(f"PLC-L{n}-01", f"Line {n} main PLC", "OT", "plc", "Siemens", "S7-1516F", f"{net}.10", loc, zn, "critical",
          "V2.9.4", line=f"L{n}")
    asset(f"PLC-L{n}-02", f"Line {n} capper PLC", "OT", "plc", "Siemens", "S7-1212C", f"{net}.11", loc, zn, "high",
          "V4.5.2", line=f"L{n}")
    asset(f"HMI-L{n}-01", f"Line {n} operator panel", "OT", "hmi", "Siemens", "TP1200 Comfort", f"{net}.20", loc, zn,
          "medium", "V17.0.1", line=f"L{n}")
    for d in range(1, 4):
        asset(f"DRV-L{n}-0{d}", f"Line {n} conveyor drive {d}", "OT", "drive", "ABB", "ACS580", f"{net}.{30 + d}",
              loc, zn, "medium", "2.14.0", line=f"L{n}")
    asset(f"MTR-L{n}-01", f"Line {n} energy meter", "OT", "meter", "Schneider", "PM5560", f"{net}.40", loc, zn,
          "low", "3.2.1", line=f"L{n}", metric="energy")
    for s in range(1, 4):
        asset(f"SNS-L{n}-0{s}", f"Line {n} sensor {s}", "OT", "sensor", "Endress+Hauser", "Cerabar PMC51",
              f"{net}.{50 + s}", loc, zn, "low", "1.4.0", line=f"L{n}")
    asset(f"RBT-L{n}-01", f"Line {n} palletizing robot", "OT", "robot", "FANUC", "M-410iC", f"{net}.60", loc, zn,
          "high", "V9.30P/22", line=f"L{n}")

asset("SIS-P1-01", "Filler safety controller", "OT", "safety-controller", "HIMA", "HIMax", "10.20.9.5", "ACME-P1-L1",
      "Safety", "critical", "7.1.0")
asset("HIST-P1-01", "Plant historian", "OT", "historian", "AVEVA", "PI Server 2023", "10.20.0.5", "ACME-P1",
      "Plant DMZ", "high", "2023.1")
asset("EWS-P1-01", "Engineering workstation", "OT", "engineering-workstation", "Dell", "Precision 3660", "10.20.0.21",
      "ACME-P1", "Plant DMZ", "high", "TIA-V18")
asset("FW-P1-01", "Plant firewall", "IT", "firewall", "Fortinet", "FortiGate 100F", "10.10.0.1", "ACME-P1",
      "Enterprise IT", "critical", "7.4.3")
asset("SW-P1-CORE", "Core switch", "IT", "network-switch", "Cisco", "Catalyst 9300", "10.10.0.2", "ACME-P1",
      "Enterprise IT", "high", "17.9.4")
asset("SRV-P1-MES", "MES server", "IT", "server", "HPE", "ProLiant DL380", "10.10.1.10", "ACME-P1", "Enterprise IT",
      "high", "U30-2.90")
asset("BADGE-P1-01", "Packaging hall door reader", "OT", "badge-reader", "HID", "Signo 40", "10.30.0.11",
      "ACME-P1-PACK", "Enterprise IT", "medium", "10.2.1")
asset("MTR-P1-MAIN", "Main incomer energy meter", "OT", "meter", "Schneider", "PM8000", "10.20.0.40",
      "ACME-P1-UTIL", "Plant DMZ", "medium", "4.1.0", metric="energy")
asset("WS-P1-QA01", "Quality lab workstation", "IT", "workstation", "Lenovo", "ThinkCentre M70", "10.10.2.31",
      "ACME-P1", None, "low", "M3AKT52A")

req = urllib.request.Request(API + "/api/v1/assets/import", data=json.dumps(assets).encode(), method="POST",
                             headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
try:
    with urllib.request.urlopen(req) as r:
        summary = json.load(r)
except urllib.error.HTTPError as e:
    sys.exit(f"demo data: import -> {e.code} {e.read().decode()[:2000]}")
print(f"demo data: {summary['rows']} assets ({summary['created']} created, {summary['updated']} updated, "
      f"{summary['unchanged']} unchanged), 8 hierarchy nodes, 5 zones, 3 conduits")

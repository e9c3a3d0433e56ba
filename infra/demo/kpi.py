"""KPI demo data for ./converge up: what the six lines of the two plants report (bindings: the metric names the device
simulator sends), each site's shift calendar and time-of-use tariffs, today's and tomorrow's production orders (their
ideal cycle times are the ones the simulator's lines run at, simulator Plant.IDEAL_CYCLE_SECONDS), three alarm rules
and a condition-monitoring binding on the drive whose gearbox the simulator wears out.

Idempotent: existing bindings, calendars and conditions (201 once, 428 after), overlapping tariffs (422), repeated
order numbers (409) and identical alarm rules are left as they are.
"""
import datetime
import os

from demo_api import Api

ASSETS = Api(os.environ.get("CONVERGE_ASSET_URL", "http://localhost:8081"), "engineer")
KPI = Api(os.environ.get("CONVERGE_KPI_URL", "http://localhost:8083"), "engineer")

plant = ASSETS.call("GET", "/api/v1/sites/by-code/ACME-P1")[1]["id"]
plant2 = ASSETS.call("GET", "/api/v1/sites/by-code/ACME-P2")[1]["id"]
LINE_CODES = ("ACME-P1-L1", "ACME-P1-L2", "ACME-P1-L3", "ACME-P2-L4", "ACME-P2-L5", "ACME-P2-L6")
lines = {code: ASSETS.call("GET", "/api/v1/sites/by-code/" + code)[1]["id"] for code in LINE_CODES}

for line in lines.values():
    KPI.call("PUT", f"/api/v1/kpis/bindings/line:{line}",
             {"stateMetric": "machine.state", "downReasonMetric": "machine.reason", "goodCountMetric": "count.good",
              "scrapCountMetric": "count.scrap", "energyMetric": "energy.kwh"}, ok=(201, 428))

weekdays = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
KPI.call("PUT", f"/api/v1/kpis/calendars/{plant}", {
    "zone": "Europe/Paris",
    "shifts": [{"day": d, "start": s, "end": e} for d in weekdays
               for s, e in (("06:00", "14:00"), ("14:00", "22:00"), ("22:00", "06:00"))],
    "breaks": [{"day": d, "start": s, "end": e} for d in weekdays
               for s, e in (("10:00", "10:30"), ("18:00", "18:30"))],
    "plannedDowntime": []}, ok=(201, 428))

for days, start, end, price in ((weekdays, "07:00", "22:00", 0.24), (weekdays, "22:00", "07:00", 0.14),
                                (["SATURDAY", "SUNDAY"], "00:00", "00:00", 0.12)):
    KPI.call("POST", "/api/v1/kpis/tariffs", {"siteId": plant, "pricePerKwh": price, "currency": "EUR",
                                              "days": days, "start": start, "end": end,
                                              "effectiveFrom": "2026-01-01"}, ok=(201, 422))
# the weekend slot from 00:00 above overlaps Friday's night slot (which runs into Saturday morning) and is refused:
# the weekend price applies from 07:00 on Saturday to 07:00 on Monday
KPI.call("POST", "/api/v1/kpis/tariffs", {"siteId": plant, "pricePerKwh": 0.12, "currency": "EUR",
                                          "days": ["SATURDAY", "SUNDAY"], "start": "07:00", "end": "07:00",
                                          "effectiveFrom": "2026-01-01"}, ok=(201, 422))

# Valencia: two shifts on weekdays and a Saturday morning shift, Spanish time-of-use prices
KPI.call("PUT", f"/api/v1/kpis/calendars/{plant2}", {
    "zone": "Europe/Madrid",
    "shifts": [{"day": d, "start": s, "end": e} for d in weekdays for s, e in (("06:00", "14:00"), ("14:00", "22:00"))]
    + [{"day": "SATURDAY", "start": "06:00", "end": "14:00"}],
    "breaks": [{"day": d, "start": s, "end": e} for d in weekdays for s, e in (("10:00", "10:20"), ("18:00", "18:20"))],
    "plannedDowntime": []}, ok=(201, 428))
for days, start, end, price in ((weekdays, "08:00", "14:00", 0.21), (weekdays, "18:00", "22:00", 0.21),
                                (weekdays, "14:00", "18:00", 0.16), (weekdays, "22:00", "08:00", 0.11),
                                (["SATURDAY", "SUNDAY"], "08:00", "08:00", 0.10)):
    KPI.call("POST", "/api/v1/kpis/tariffs", {"siteId": plant2, "pricePerKwh": price, "currency": "EUR",
                                              "days": days, "start": start, "end": end,
                                              "effectiveFrom": "2026-01-01"}, ok=(201, 422))

today = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
for day in (today, today + datetime.timedelta(days=1)):
    for n, (code, product, cycle) in enumerate((("ACME-P1-L1", "Cola 33 cl can", 0.12),
                                                ("ACME-P1-L2", "Water 1.5 l PET", 0.2),
                                                ("ACME-P1-L3", "Labelled glass bottle 75 cl", 0.5),
                                                ("ACME-P2-L4", "Syrup batch 20 l", 0.8),
                                                ("ACME-P2-L5", "Lemon soda 50 cl can", 1.5),
                                                ("ACME-P2-L6", "Pallet 80 x 120", 2.4)), start=1):
        KPI.call("POST", "/api/v1/kpis/orders", {
            "orderNumber": f"SO-{day:%Y%m%d}-L{n}", "lineId": lines[code], "product": product,
            "plannedQuantity": int(24 * 3600 / cycle * 0.8), "idealCycleSeconds": cycle,
            "startsAt": day.isoformat().replace("+00:00", "Z"),
            "endsAt": (day + datetime.timedelta(days=1)).isoformat().replace("+00:00", "Z")}, ok=(201, 409))

rules = [{"scope": f"line:{lines['ACME-P1-L1']}", "kpi": "oee", "widthSeconds": 60, "operator": "<",
          "threshold": 0.6, "forSeconds": 300, "severity": "warning", "hysteresis": 0.05,
          "description": "Line 1 OEE below 60 % for 5 minutes"},
         {"scope": "asset:PLC-L1-01", "metric": "motor.temperature", "operator": ">", "threshold": 85,
          "forSeconds": 60, "severity": "critical", "hysteresis": 3,
          "description": "Filler main motor over temperature"},
         {"scope": f"line:{lines['ACME-P2-L5']}", "kpi": "oee", "widthSeconds": 60, "operator": "<",
          "threshold": 0.55, "forSeconds": 300, "severity": "warning", "hysteresis": 0.05,
          "description": "Line 5 OEE below 55 % for 5 minutes"}]
existing = KPI.call("GET", "/api/v1/kpis/alarm-rules")[1] or []
for rule in rules:
    if not any(r.get("description") == rule["description"] for r in existing):
        KPI.call("POST", "/api/v1/kpis/alarm-rules", rule)

KPI.call("PUT", "/api/v1/kpis/conditions/DRV-L1-01/gearbox.vibration",
         {"threshold": 7.1, "direction": "rising", "label": "Conveyor drive 1 gearbox vibration (mm/s)"},
         ok=(201, 428))
print("demo data: KPI bindings for 6 lines, 2 shift calendars, 8 tariffs, 12 production orders (today, tomorrow),"
      " 3 alarm rules, 1 condition binding")

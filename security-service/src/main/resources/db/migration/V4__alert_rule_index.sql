-- Alerts of one rule (the list's ruleId filter, a dashboard counting a rule's events) without reading every alert:
-- the table holds every alert ever raised, a page of fillfactor 50 per ~20 of them. rule_id never changes once an
-- alert exists, so grouping updates stay HOT (V3).
CREATE INDEX alert_rule ON alert (rule_id);

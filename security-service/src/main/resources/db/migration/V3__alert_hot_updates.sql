-- Grouping updates an open alert with every batch that matches it (event count, last seen, last event). Those
-- updates must stay HOT (heap-only tuples: no new index entries, the old version reclaimed inside its page without
-- waiting for vacuum), or a busy alert leaves a trail of dead versions in every index that each upsert then walks.
-- So no index covers a column grouping changes, and pages keep room for the new versions. The alert list is ordered
-- by last_seen with a sort over the (filtered) alerts instead of an index: alerts are few next to events.
DROP INDEX alert_list;
ALTER TABLE alert SET (fillfactor = 50);

-- The outbox payloads (the JSON of every accepted point) were stored uncompressed; lz4 TOAST compression cuts their
-- WAL and heap volume about four-fold for little CPU: HTTP ingest went from ratio 0.45 to 0.52-0.55 of COPY
-- (bench/RESULTS.md).
ALTER TABLE outbox ALTER COLUMN payload SET STORAGE EXTENDED;
ALTER TABLE outbox ALTER COLUMN payload SET COMPRESSION lz4;

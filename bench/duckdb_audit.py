"""The audit's shift definitions (docs/audit-definitions.md) as SQL in DuckDB, for comparison.

Usage: python3 duckdb_audit.py EVENTS.parquet PER_HOUR
Prints one JSON object: the figures, the time the query took, and the input's uncompressed size.
"""
import json
import sys
import time

import duckdb

path, per_hour = sys.argv[1], float(sys.argv[2])
con = duckdb.connect()
started = time.perf_counter()
row = con.execute(
    f"""
WITH e AS (
  SELECT worker, epoch_ms(time) AS t, kind, quantity, file_row_number AS rn
  FROM read_parquet('{path}', file_row_number = true)),
g AS (SELECT *, t - lag(t) OVER (PARTITION BY worker ORDER BY t, rn) AS gap FROM e),
s AS (
  SELECT *, sum(CASE WHEN gap IS NULL OR gap > 14400000 THEN 1 ELSE 0 END)
            OVER (PARTITION BY worker ORDER BY t, rn ROWS UNBOUNDED PRECEDING) AS shift
  FROM g),
sh AS (
  SELECT worker, shift, max(t) - min(t) AS dur,
         sum(CASE WHEN gap >= 900000 AND gap <= 14400000 THEN gap ELSE 0 END) AS pause,
         sum(CASE WHEN kind = 'scan' THEN quantity ELSE 0 END) AS units
  FROM s GROUP BY worker, shift),
r AS (
  SELECT *, CASE WHEN dur > 36000000 THEN 2700000 WHEN dur > 19800000 THEN 1800000 ELSE 0 END AS req,
         CASE WHEN dur > 0 THEN units / (dur / 3600000.0) END AS rate
  FROM sh)
SELECT count(*), sum((req > 0)::INT), sum((req > 0 AND pause < req)::INT), count(rate),
       avg((rate >= {per_hour})::INT), median(rate)
FROM r
"""
).fetchone()
seconds = time.perf_counter() - started
size = con.execute(
    f"SELECT sum(total_uncompressed_size) FROM parquet_metadata('{path}')"
).fetchone()[0]
print(json.dumps({
    "shifts": row[0], "shifts_needing_break": row[1], "shifts_missing_legal_break": row[2],
    "shifts_rated": row[3], "share_meeting_target": row[4], "median_rate": row[5],
    "query_seconds": seconds, "uncompressed_bytes": size,
}))

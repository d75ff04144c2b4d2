-- PostgreSQL twin of migrations/0003_dataset_time_zone.sql.
-- The time zone the import read local times in (`inzage import --tz`), so the portal reads the
-- events file's local times in the same zone. NULL for datasets imported before it was stored:
-- those were read in domain::DEFAULT_TIME_ZONE (Europe/Amsterdam).
ALTER TABLE dataset ADD COLUMN time_zone TEXT;

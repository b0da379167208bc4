"""Benchmark dataset generation and storage (bench/dataset.py is its command line).

The schema comes from `punchclock db upgrade`; the rows go in with the plain driver (sqlite3
`executemany`, PostgreSQL `COPY`), with the time-entry indexes dropped during the load and
recreated from their own definitions afterwards. Generated SQLite files are cached under
`bench/.data/`, keyed by size, generator version and the migration files, so reruns are quick.

Shape (deterministic, seeded):
- 10 organizations x 5 workspaces; 20 users per workspace (the first is the workspace admin,
  the first of each organization its owner); 8 timezones.
- Per workspace: 10 clients, 40 projects (3/4 with a client, 1/4 private with 5 members,
  70% billable), tasks on a third of the projects, 30 tags.
- Each user has ~25 recurring "activities" (description, project, task, tags) chosen with a
  Zipf-like weight, a personal rate of entries per workday (log-normal, mean ~2), working days
  that start between 08:00 and 10:00 local time, entries back to back with short gaps, a few
  weekend entries, and 0.5% soft-deleted entries. Ids grow with time (rows are inserted in
  chronological order, as a real server receives them), so one user's entries are spread over
  the whole table, not clustered.
- The data ends on END_DATE - 1 day; one user in five has a timer running since 09:00 local on
  END_DATE (`/me/time_entries/current` returns it).
- The 1m variant keeps the newest 1,000,000 entries of a two-year history. The 10k variant keeps
  the last 28 days of the users the benchmark reads from (so the ~48-entry list windows are the
  same rows as in the 1m variant) and fills the rest with the newest entries of everyone else:
  per-request work is identical, only the table size differs.

Modules: shape (sizes, counts, known credentials), catalogue (every table but time_entries),
history (each user's entries), generate (the kept rows), workload_users (who each workload
uses: the metadata the runner reads), storage (SQLite cache, PostgreSQL COPY).
"""

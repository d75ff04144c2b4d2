## The command line's messages
cli-error = inzage: { $message }
cli-database-needs-postgres = { $dir } keeps its tables in PostgreSQL (schema { $schema }): name the database with --database postgres://… or INZAGE_DATABASE_URL
cli-database-sqlite-beside = { $dir } has its tables in its SQLite file: copy them to PostgreSQL with `inzage migrate --from { $dir } --to postgres://…`, or leave out --database
cli-database-collation = the PostgreSQL database sorts text by { $collation }, not byte by byte as SQLite does, so lists and times would not compare the same: use a database made with CREATE DATABASE … TEMPLATE template0 LOCALE 'C'
cli-database-bad = inzage: --database (or INZAGE_DATABASE_URL) must be a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE; leave it out for the SQLite file in the data folder.
cli-cannot-start = inzage: cannot start: { $message }
cli-bad-date = { $flag } `{ $text }` is not a date; write it as YYYY-MM-DD
cli-bad-target = --target `{ $target }`: write it as kind=per_hour, e.g. scan=854
cli-min-group-floor = --min-group { $min }: groups smaller than { $floor } workers are never shown on their own, so give { $floor } or more (the default is 10)
cli-bad-lang = --lang `{ $text }`: choose nl or en
cli-no-register = { $dir } holds no register; give one with --register FILE
cli-no-organisation = { $dir } holds no organisation yet: load one with `inzage import --register FILE --data-dir { $dir }`, or try `inzage demo`
cli-cannot-create = cannot create the data folder { $dir }: { $message }
cli-cannot-listen = cannot listen on { $addr }: { $message }; choose another port with --port
cli-generated = wrote { $workers } workers, { $shifts } shifts, { $events } events and { $decisions } decisions to { $out }
cli-no-workers = --workers must be at least 1
cli-no-days = --days must be at least 1
cli-loaded = loaded register version { $version } ({ $systems } systems), { $workers } workers, { $decisions } decisions, { $events } events into { $dir }
cli-user-added = added { $name } ({ $role })
cli-user-active = active
cli-user-active-second = active, with a second factor
cli-user-invited = invited
cli-bad-role = --role: `{ $role }` is not a role; choose one of { $roles }
cli-account-invite-name = --name: give a name of 1 to 100 characters
cli-account-invite-worker = --worker: a worker account needs the worker's identifier
cli-account-invite-not-worker = --worker: only a worker account has one, not { $role }
cli-account-invite-taken = --name: the name `{ $name }` is taken
cli-password = password on standard input: { $problem }
cli-no-account = --user: no account is called `{ $name }`; see `inzage user list`
cli-token = A token for { $name }; it is shown once, keep it secret:
cli-log-whole = { $entries ->
    [one] the access log is whole: 1 entry, and its hash is right
   *[other] the access log is whole: { $entries } entries, each hash follows from the one before
}
cli-log-broken = the access log was tampered with at entry { $entry }: { $reason }
cli-running = inzage is running: open http://{ $addr }/ in a browser (Ctrl-C stops it)
cli-running-many = serving the organisations of { $dir }: each at /o/ID/, or chosen at /organisations
cli-user-granted = granted { $name } { $n ->
    [one] 1 organisation
   *[other] { $n } organisations
} (an inspector's account in each)
cli-user-revoked = revoked the grant of { $name }: { $n ->
    [one] its account disabled in 1 organisation
   *[other] its accounts disabled in { $n } organisations
}
cli-revoke-no-grant = --name: { $name } has no grant in inspectors.json; an account in one organisation is disabled with user disable --organisation ID
cli-grant-inspector-only = --organisations: only an inspector is granted organisations (not { $role }); give others an account in one organisation with --organisation
cli-grant-not-many = --organisations: { $dir } is not a data folder of many organisations
cli-grant-none = --organisations: name `all` or organisation ids separated by commas
cli-grant-taken = --name: { $name } already has an account in organisation { $id }
cli-grant-exists = --name: { $name } is already granted organisations (in inspectors.json, at the data folder's top); to change the grant, revoke it (user revoke --name { $name }) and grant again under another name
cli-grant-stopped = the account could not be made in organisation { $id }: { $message }; it was made in: { $made }. No grant was kept: grant again under another --name, and disable those accounts (user disable --organisation ID)
cli-summary-warning = warning: the data is in, but the inspector's figures (summary.json) or the accounts of inspectors granted every organisation could not be brought up to date: { $message }
cli-demo-generating = Generating the demo organisation ({ $workers } workers, { $days } days)…
cli-demo-generated = Generated and loaded { $events } events and { $decisions } decisions in { $seconds } s.
cli-demo-reusing = Using the organisation already in { $dir } (--reset starts over).
cli-demo-no-accounts = This data folder has no accounts: an older inzage made it. Run `inzage demo --reset` to start over with the demo's accounts.
cli-demo-accounts = Demo accounts (from { $file }):
cli-audit-progress = events read
cli-bad-format = --format `{ $format }`: choose one of { $allowed }
cli-cannot-read = cannot read { $file }: { $message }
cli-unknown-system = --system `{ $system }` is not a system of the register loaded in the data folder
cli-no-dossier = --system `{ $system }` has no consent dossier: open one on the portal's page Consent dossiers
cli-conditions-summary = { $holds } hold, { $broken } broken, { $unknown } unknown
cli-condition-broken = condition broken: { $condition } of the consent for { $system } (dossier { $dossier }): { $text } — { $evidence }
cli-no-conditions = { $file } holds no condition: write at least one [[condition]] with id, text and check (docs/conditions.md)

## Imports that survive failure and bad data (security review, issue #16)
cli-tidied = removed { $count } { $count ->
    [one] file
   *[other] files
} that an earlier, failed or interrupted import left in the data folder's events/: { $files }
cli-dropped-identifying = not stored, because nearly every worker has a value of their own (a name or a staff number identifies people, and makes no group): { $columns }
cli-key-readable = warning: the pseudonym key { $file } can be read by others (mode { $mode }); whoever reads it can turn pseudonyms back into workers' identifiers. Make it readable by its owner only (chmod 600), and keep it outside the data folder in production (INZAGE_KEY_FILE).
cli-engine-panicked = { $file }: the file cannot be read: the query engine stopped on it (a damaged or crafted file?)
cli-demo-reset-refused = --reset would delete the database in { $dir }, which holds what the demo did not make: accounts { $accounts }; readers in the access log { $readers }; registers loaded by { $authors }. Nothing was deleted. Use another --data-dir for the demo, or add --force to delete it anyway.

## The access log and the accounts' lifecycle (security review M6, M11, M5, L12, L7)
cli-log-unkeyed = entries 1 to { $entries } were written before the log had its key and are checked without it
cli-log-expected = the head noted down earlier, { $head }, is still in the log, unchanged
cli-log-bad-expect = --expect `{ $text }` is not a head: write COUNT:HASH as `inzage verify-log` prints it on its last line (a number, a colon, 64 hex digits)
cli-log-missing = an entry before this one is missing
cli-log-not-following = it does not follow from the entry before
cli-log-changed = its fields or its hash were changed after it was written (or the log's key is not the one it was written with)
cli-log-seal = the start of the keyed chain was moved or the entries before it were rewritten (or the log's key is not this log's)
cli-log-cut = the log ends before the head noted down earlier: entries were cut from the end
cli-log-head-differs = this entry is not the one the head noted down earlier names: the log was rewritten up to there
cli-log-key-missing = the access log's key file { $path } is missing: restore it from the backup you made of it (or point INZAGE_LOG_KEY_FILE at it). Without it the log can neither be checked nor continued
cli-log-key-unsealed = the access log's key file { $path } exists, but the log in this database was never sealed with it: the database was changed, or two programs opened it for the first time at once (then start again)
cli-token-expiring = A token for { $name }, valid until { $expires }; it is shown once, keep it secret:
cli-token-expired = expired { $date }
cli-token-unused = never used
cli-token-no-such = --id: no token has the number { $id }; see `inzage token list`
cli-token-revoked = token { $id } revoked
cli-token-revoked-all = every token of { $name } revoked ({ $tokens })
cli-token-revoke-what = say which token to revoke: --id N (from `inzage token list`) or --user NAME (all of theirs)
cli-token-days = --days: a token lasts 1 to { $max } days, not { $days }
cli-token-disabled = --user: { $name } is disabled; `inzage user invite { $name }` enables the account again
cli-user-disabled = disabled
cli-user-by-cli = command line
cli-user-disabled-now = { $name } is disabled: their sessions and tokens ended and they can no longer log in
cli-user-invite-link = A new invitation for { $name } (valid 72 hours, once); their password, sessions and tokens ended. Send them this link:
cli-no-account-name = no account is called `{ $name }`; see `inzage user list`
cli-account-invite-name-control = --name: a name cannot hold control characters (a TAB, a newline, an escape)
cli-account-invite-worker-taken = --worker: this worker already has an account; `inzage user disable` the other first

## Backups: inzage backup and inzage restore (security review, issue #16)
cli-backup-written = wrote { $out }: { $files } files, { $bytes } bytes, each with its SHA-256 in manifest.json
cli-backup-keys = the key files are in it ({ $keys }): keep this backup as safe as the keys themselves
cli-backup-no-keys = the key files are not in it: keep pseudonym.key (or the file INZAGE_KEY_FILE names) safe on its own; a restore needs it
cli-migrate-refused = { $dir }: not copied: { $message }
cli-migrate-table = { $rows ->
    [one] { $table }: 1 row
   *[other] { $table }: { $rows } rows
}
cli-migrate-done = { $dir } now keeps its tables in { $database }, schema { $schema }: every table's rows counted on arrival, and the access log's { $entries } entries verified to the same head (below). The SQLite file stays as it was, with the same personal data: remove it once you no longer need it. Commands on this folder now need --database (or INZAGE_DATABASE_URL).
cli-migrate-bad-to = --to must be a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE
cli-backup-in-postgres = { $dir } keeps its tables in PostgreSQL (schema { $schema }): back them up with pg_dump --schema={ $schema }, and the folder (events files and keys) with it; `inzage backup` copies the SQLite file
cli-backup-no-data = { $dir } holds no inzage database to back up
cli-restore-done = restored { $files } files ({ $bytes } bytes) into { $dir }: every hash matched and the access log is whole
cli-restore-kept-keys = kept { $keys } key files of the folder it replaced
cli-restore-no-keys = the backup holds no key files: put the pseudonym key back in { $dir } (or set INZAGE_KEY_FILE) before serving or importing, or new imports get other pseudonyms
cli-restore-not-empty = { $dir } is not empty: restore into an empty or new folder, or give --force to replace it
cli-restore-no-log-key = { $file } holds no key for its access log, and { $dir } has none either, so the log cannot be checked; nothing was restored. Make the backup with --include-keys, or restore over the folder that has the key (--force), or put access-log.key in { $dir } first
cli-restore-not-a-backup = { $file } is not an inzage backup: { $message }
cli-restore-missing = { $file }: entry `{ $entry }` is missing; nothing was restored
cli-restore-tampered = { $file }: entry `{ $entry }` does not match its SHA-256 in the manifest; nothing was restored
cli-restore-unlisted = { $file }: entry `{ $entry }` is not in the manifest; nothing was restored
cli-restore-unsafe = { $file }: entry `{ $entry }` has a name outside the data folder; nothing was restored
cli-restore-log-broken = { $file }: entry `{ $entry }`: the access log was tampered with at entry { $id } ({ $reason }); nothing was restored

## Login, HTTP hardening and second factors (security review, issue #16)
cli-bad-public-url = --public-url { $url }: give the address people use to reach the portal, such as https://inzage.example.org (http or https, a host, no path)
cli-notices-bad-url = --public-url `{ $url }`: give the portal's address as people reach it, starting with https:// (or http://)
cli-notices-written = { $letters } letters ({ $invitations } with an invitation) written to { $dir }; the index for mail merge is { $index }. The codes in the letters work once, for { $days } days: hand the letters out, then delete the folder.
cli-demo-notices = { $letters } notices, one per worker, written to { $dir }.
cli-demo-invitation = worker, invitation from the letter
cli-yearly-bad-year = --year { $year }: choose a year from { $first } (the first register) to { $last }
cli-notices-no-system = --system { $system }: the register has no such system; it has { $known }
cli-nothing-imported = { $dir } holds no register yet: load one with inzage import
cli-notices-no-worker = --worker { $worker }: no such worker was imported (use the identifier of the workers file)
check-audit-form = --audit `{ $arg }`: write it as SYSTEM=FILE, the system's id in the register and its audit report (inzage audit --format json)
check-audit-system = --audit: the register has no system `{ $system }`
check-audit-twice = --audit: system `{ $system }` is given twice; give one audit report per system
check-audit-read = --audit: cannot read { $file }: { $message }
check-audit-json = --audit: { $file }, line { $line }: not JSON: { $message }
check-audit-not-report = --audit: { $file } is not an audit report (a JSON object, as inzage audit --format json writes)

cli-audit-no-input = give at least one input to audit: --events, --decisions or --measures
cli-bad-reference = --reference `{ $text }`: write it as attribute=group, e.g. race=Caucasian
cli-bad-outcome = --outcome `{ $text }`: write it as name=kind,kind, e.g. medium_high=Medium,High
cli-skipped-rows = { $count ->
    [one] 1 row could not be read and was skipped; the first:
   *[other] { $count } rows could not be read and were skipped; the first:
}
cli-note = note: { $note }
cli-profile-list-header = Built-in profiles (inzage profile show NAME prints one, to copy and adapt):
cli-profile-unknown = no built-in profile `{ $name }`; the built-in profiles are { $names }
cli-organisation-bad-id = --organisation { $id }: an organisation's id is 1 to 64 lower-case letters, digits and hyphens (such as pakhuis-noord)
cli-organisation-single = { $dir } holds one organisation at its top level and cannot hold others: give another --data-dir for a folder of many organisations, or leave out --organisation
cli-organisation-unknown = { $dir } holds no organisation { $id } (it holds: { $known }); inzage import --organisation { $id } makes it
cli-organisation-choose = { $dir } holds { $n } organisations: name one with --organisation ({ $known })
cli-no-organisations = --organisations must be at least 1
cli-generated-organisations = Wrote { $organisations } organisations to { $out } ({ $with_events } with scanner events, { $events } events in all). Load them with: inzage import --organisations { $out } --data-dir DIR
cli-organisations-none = { $dir } holds no folders: --organisations loads one organisation per subfolder (inzage generate --organisations writes them)
cli-organisations-no-register = it has no register.toml
cli-organisations-stopped = organisation { $id } ({ $folder }) was not loaded: { $message }. The { $loaded } before it are loaded; nothing of { $id } is.
cli-organisations-loaded = Loaded { $organisations } organisations ({ $events } events) into { $dir } in { $seconds } s. The overview: inzage report inspector --data-dir { $dir }
cli-bad-choice = { $flag } `{ $text }`: choose one of { $allowed }
cli-inspector-not-many = { $dir } is not a folder of many organisations (it has no organisations/ folder): load them with inzage import --organisation ID or --organisations DIR
cli-organisation-one-key = { $variable } names one key file, but each organisation of a folder of many keeps keys of its own (one key for all would give a worker the same pseudonym everywhere, and one leak would be every organisation's): unset { $variable } for this folder
cli-organisations-bad-name = { $dir } cannot be loaded as organisations: the folder { $name } { $why }. Nothing was loaded.
cli-organisations-bad-id = is not an organisation id (1 to 64 lower-case letters, digits and hyphens)

# inzage cluster
cli-cluster-prepared = { $events } events written in order to { $file }: audit them on a cluster with inzage audit --events { $file } --cluster df://HOST:PORT
cli-cluster-bad-scheduler = --scheduler { $text }: write the scheduler as HOST:PORT, for instance 127.0.0.1:50050
cli-cluster-scheduler = scheduler listening on { $address }; start executors with inzage cluster executor --scheduler { $address }
cli-cluster-executor = executor listening on { $address }, working for the scheduler at { $scheduler }
cli-cluster-no-events = --cluster runs the per-worker pass over the events: give them with --events
cli-no-cluster = this inzage was built without the cluster: build it with cargo build --release --features cluster
cli-cluster-not-prepared = { $file }: { $why }; the cluster reads events in inzage's columns with their order: write them with inzage cluster prepare --events { $file } --out EVENTS.parquet
cli-cluster-unreachable = no scheduler answers at { $url }: start one there with inzage cluster scheduler, or check the address
cli-cluster-other-time-zone = { $file }: its local times were read in { $prepared }, and this audit counts months in { $audited }: audit it with --tz { $prepared }, or prepare it again with --tz { $audited }

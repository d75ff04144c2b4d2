## The command line's messages
cli-error = inzage: { $message }
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
cli-user-invited = invited
cli-bad-role = --role: `{ $role }` is not a role; choose one of { $roles }
cli-account-invite-name = --name: give a name of 1 to 100 characters
cli-account-invite-worker = --worker: a worker account needs the worker's identifier
cli-account-invite-not-worker = --worker: only a worker account has one, not { $role }
cli-account-invite-taken = --name: the name `{ $name }` is taken
cli-password = password on standard input: { $problem }
cli-no-account = --user: no account is called `{ $name }`; see `inzage user list`
cli-token = A token for { $name }; it is shown once, keep it secret:
cli-log-whole = the access log is whole: { $entries } entries, each hash follows from the one before
cli-log-broken = the access log was tampered with at entry { $entry }: { $reason }
cli-running = inzage is running: open http://{ $addr }/ in a browser (Ctrl-C stops it)
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

## Login, HTTP hardening and second factors (security review, issue #16)
cli-bad-public-url = --public-url { $url }: give the address people use to reach the portal, such as https://inzage.example.org (http or https, a host, no path)

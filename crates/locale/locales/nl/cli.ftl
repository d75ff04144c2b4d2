## De meldingen van de opdrachtregel
cli-error = inzage: { $message }
cli-database-needs-postgres = { $dir } bewaart zijn tabellen in PostgreSQL (schema { $schema }): noem de database met --database postgres://… of INZAGE_DATABASE_URL
cli-database-sqlite-beside = { $dir } heeft zijn tabellen in zijn SQLite-bestand: kopieer ze naar PostgreSQL met `inzage migrate --from { $dir } --to postgres://…`, of laat --database weg
cli-database-collation = de PostgreSQL-database sorteert tekst volgens { $collation }, niet byte voor byte zoals SQLite, zodat lijsten en tijden anders zouden vergelijken: gebruik een database gemaakt met CREATE DATABASE … TEMPLATE template0 LOCALE 'C'
cli-database-bad = inzage: --database (of INZAGE_DATABASE_URL) moet een PostgreSQL-URL zijn, postgres://GEBRUIKER@HOST:POORT/DATABASE; laat het weg voor het SQLite-bestand in de datamap.
cli-cannot-start = inzage: kan niet starten: { $message }
cli-bad-date = { $flag } `{ $text }` is geen datum; schrijf hem als JJJJ-MM-DD
cli-bad-target = --target `{ $target }`: schrijf het als soort=per_uur, bijvoorbeeld scan=854
cli-min-group-floor = --min-group { $min }: groepen kleiner dan { $floor } werknemers worden nooit apart getoond, dus geef { $floor } of meer (standaard 10)
cli-bad-lang = --lang `{ $text }`: kies nl of en
cli-no-register = { $dir } bevat geen register; geef er een met --register BESTAND
cli-no-organisation = { $dir } bevat nog geen organisatie: laad er een met `inzage import --register BESTAND --data-dir { $dir }`, of probeer `inzage demo`
cli-cannot-create = kan de gegevensmap { $dir } niet maken: { $message }
cli-cannot-listen = kan niet luisteren op { $addr }: { $message }; kies een andere poort met --port
cli-generated = { $workers } werkenden, { $shifts } diensten, { $events } gebeurtenissen en { $decisions } beslissingen geschreven naar { $out }
cli-no-workers = --workers moet minstens 1 zijn
cli-no-days = --days moet minstens 1 zijn
cli-loaded = registerversie { $version } ({ $systems } systemen), { $workers } werkenden, { $decisions } beslissingen en { $events } gebeurtenissen geladen in { $dir }
cli-user-added = { $name } toegevoegd ({ $role })
cli-user-active = actief
cli-user-active-second = actief, met tweede factor
cli-user-invited = uitgenodigd
cli-bad-role = --role: `{ $role }` is geen rol; kies uit { $roles }
cli-account-invite-name = --name: geef een naam van 1 tot 100 tekens
cli-account-invite-worker = --worker: een account van een werkende heeft de code van die werkende nodig
cli-account-invite-not-worker = --worker: alleen een account van een werkende heeft er een, niet { $role }
cli-account-invite-taken = --name: de naam `{ $name }` is al in gebruik
cli-password = wachtwoord op standaardinvoer: { $problem }
cli-no-account = --user: er is geen account met de naam `{ $name }`; zie `inzage user list`
cli-token = Een token voor { $name }; het wordt één keer getoond, houd het geheim:
cli-log-whole = { $entries ->
    [one] het toegangslogboek is heel: 1 regel, en zijn hash klopt
   *[other] het toegangslogboek is heel: { $entries } regels, elke hash volgt uit de vorige
}
cli-log-broken = er is geknoeid met het toegangslogboek bij regel { $entry }: { $reason }
cli-running = inzage draait: open http://{ $addr }/ in een browser (Ctrl-C stopt het)
cli-running-many = de organisaties in { $dir } worden gediend: elk op /o/ID/, of te kiezen op /organisations
cli-user-granted = { $name } heeft toegang tot { $n ->
    [one] 1 organisatie
   *[other] { $n } organisaties
} (een account als inspecteur bij elk)
cli-user-revoked = toegang van { $name } ingetrokken: { $n ->
    [one] het account uitgezet in 1 organisatie
   *[other] de accounts uitgezet in { $n } organisaties
}
cli-revoke-no-grant = --name: { $name } heeft geen toegang in inspectors.json; een account in één organisatie zet u uit met user disable --organisation ID
cli-grant-inspector-only = --organisations: alleen een inspecteur krijgt toegang tot organisaties (niet { $role }); geef anderen een account in één organisatie met --organisation
cli-grant-not-many = --organisations: { $dir } is geen datamap met meerdere organisaties
cli-grant-none = --organisations: noem `all` of organisatie-id's, gescheiden door komma's
cli-grant-taken = --name: { $name } heeft al een account in organisatie { $id }
cli-grant-exists = --name: { $name } heeft al toegang tot organisaties (in inspectors.json, bovenin de datamap); om de toegang te wijzigen: trek haar in (user revoke --name { $name }) en geef opnieuw toegang onder een andere naam
cli-grant-stopped = het account kon niet worden gemaakt in organisatie { $id }: { $message }; het werd gemaakt in: { $made }. Er is geen toegang vastgelegd: geef opnieuw toegang onder een andere --name, en zet die accounts uit (user disable --organisation ID)
cli-summary-warning = waarschuwing: de gegevens zijn ingelezen, maar de cijfers voor de inspecteur (summary.json) of de accounts van inspecteurs met toegang tot alle organisaties konden niet worden bijgewerkt: { $message }
cli-demo-generating = De demo-organisatie wordt gemaakt ({ $workers } werkenden, { $days } dagen)…
cli-demo-generated = { $events } gebeurtenissen en { $decisions } beslissingen gemaakt en geladen in { $seconds } s.
cli-demo-reusing = De organisatie die al in { $dir } staat wordt gebruikt (--reset begint opnieuw).
cli-demo-no-accounts = Deze gegevensmap heeft geen accounts: een oudere inzage heeft haar gemaakt. Start opnieuw met de accounts van de demo met `inzage demo --reset`.
cli-demo-accounts = Accounts van de demo (uit { $file }):
cli-audit-progress = gebeurtenissen gelezen
cli-bad-format = --format `{ $format }`: kies een van { $allowed }
cli-cannot-read = kan { $file } niet lezen: { $message }
cli-unknown-system = --system `{ $system }` is geen systeem van het register in de datamap
cli-no-dossier = --system `{ $system }` heeft geen instemmingsdossier: open er een op de pagina Instemmingsdossiers van het portaal
cli-conditions-summary = { $holds } nageleefd, { $broken } geschonden, { $unknown } onbekend
cli-condition-broken = voorwaarde geschonden: { $condition } van de instemming voor { $system } (dossier { $dossier }): { $text } — { $evidence }
cli-no-conditions = { $file } bevat geen voorwaarde: schrijf minstens één [[condition]] met id, text en check (docs/conditions.md)

## Imports that survive failure and bad data (security review, issue #16)
cli-tidied = { $count } { $count ->
    [one] bestand
   *[other] bestanden
} verwijderd die een eerdere, mislukte of onderbroken import in events/ van de gegevensmap achterliet: { $files }
cli-dropped-identifying = niet opgeslagen, omdat bijna elke werknemer er een eigen waarde in heeft (een naam of personeelsnummer wijst mensen aan en vormt geen groep): { $columns }
cli-key-readable = waarschuwing: de pseudoniemsleutel { $file } is door anderen te lezen (modus { $mode }); wie hem leest, kan pseudoniemen terugvertalen naar de nummers van werknemers. Maak hem alleen voor de eigenaar leesbaar (chmod 600), en bewaar hem in productie buiten de gegevensmap (INZAGE_KEY_FILE).
cli-engine-panicked = { $file }: het bestand kan niet worden gelezen: de query-engine liep erop vast (een beschadigd of gemanipuleerd bestand?)
cli-demo-reset-refused = --reset zou de database in { $dir } verwijderen, met daarin wat de demo niet maakte: accounts { $accounts }; lezers in het toegangslogboek { $readers }; registers geladen door { $authors }. Er is niets verwijderd. Gebruik een andere --data-dir voor de demo, of voeg --force toe om haar toch te verwijderen.

## Het toegangslogboek en de levensloop van accounts (beveiligingsonderzoek M6, M11, M5, L12, L7)
cli-log-unkeyed = regels 1 tot en met { $entries } zijn geschreven voordat het logboek zijn sleutel had en worden zonder sleutel gecontroleerd
cli-log-expected = het eerder genoteerde eindpunt, { $head }, staat nog ongewijzigd in het logboek
cli-log-bad-expect = --expect `{ $text }` is geen eindpunt: schrijf AANTAL:HASH zoals `inzage verify-log` het op zijn laatste regel toont (een getal, een dubbele punt, 64 hexadecimale cijfers)
cli-log-missing = er ontbreekt een regel vóór deze
cli-log-not-following = hij volgt niet uit de regel ervoor
cli-log-changed = zijn velden of zijn hash zijn veranderd nadat hij geschreven is (of de sleutel van het logboek is niet die waarmee hij geschreven is)
cli-log-seal = het begin van de sleutelketen is verplaatst of de regels ervoor zijn herschreven (of de sleutel van het logboek hoort niet bij dit logboek)
cli-log-cut = het logboek houdt op vóór het eerder genoteerde eindpunt: er zijn regels van het eind weggehaald
cli-log-head-differs = deze regel is niet de regel die het eerder genoteerde eindpunt noemt: het logboek is tot daar herschreven
cli-log-key-missing = het sleutelbestand van het toegangslogboek, { $path }, ontbreekt: zet het terug uit de reservekopie die u ervan maakte (of wijs INZAGE_LOG_KEY_FILE ernaar). Zonder sleutel kan het logboek niet gecontroleerd en niet aangevuld worden
cli-log-key-unsealed = het sleutelbestand van het toegangslogboek, { $path }, bestaat, maar het logboek in deze database is er nooit mee verzegeld: de database is veranderd, of twee programma's openden hem tegelijk voor het eerst (start dan opnieuw)
cli-token-expiring = Een token voor { $name }, geldig tot { $expires }; het wordt één keer getoond, houd het geheim:
cli-token-expired = verlopen { $date }
cli-token-unused = nooit gebruikt
cli-token-no-such = --id: geen token heeft nummer { $id }; zie `inzage token list`
cli-token-revoked = token { $id } ingetrokken
cli-token-revoked-all = alle tokens van { $name } ingetrokken ({ $tokens })
cli-token-revoke-what = zeg welk token ingetrokken wordt: --id N (uit `inzage token list`) of --user NAAM (al diens tokens)
cli-token-days = --days: een token geldt 1 tot { $max } dagen, niet { $days }
cli-token-disabled = --user: { $name } is uitgeschakeld; `inzage user invite { $name }` schakelt het account weer in
cli-user-disabled = uitgeschakeld
cli-user-by-cli = opdrachtregel
cli-user-disabled-now = { $name } is uitgeschakeld: de sessies en tokens zijn beëindigd en inloggen kan niet meer
cli-user-invite-link = Een nieuwe uitnodiging voor { $name } (72 uur geldig, één keer); het wachtwoord, de sessies en de tokens zijn beëindigd. Stuur deze link:
cli-no-account-name = er is geen account met de naam `{ $name }`; zie `inzage user list`
cli-account-invite-name-control = --name: een naam mag geen stuurtekens bevatten (een TAB, een nieuwe regel, een escape)
cli-account-invite-worker-taken = --worker: deze werkende heeft al een account; schakel het andere eerst uit met `inzage user disable`

## Back-ups: inzage backup en inzage restore (beveiligingsreview, issue #16)
cli-backup-written = { $out } geschreven: { $files } bestanden, { $bytes } bytes, elk met zijn SHA-256 in manifest.json
cli-backup-keys = de sleutelbestanden zitten erin ({ $keys }): bewaar deze back-up even veilig als de sleutels zelf
cli-backup-no-keys = de sleutelbestanden zitten er niet in: bewaar pseudonym.key (of het bestand dat INZAGE_KEY_FILE noemt) apart en veilig; een restore heeft het nodig
cli-migrate-refused = { $dir }: niet gekopieerd: { $message }
cli-migrate-table = { $rows ->
    [one] { $table }: 1 rij
   *[other] { $table }: { $rows } rijen
}
cli-migrate-done = { $dir } bewaart zijn tabellen nu in { $database }, schema { $schema }: de rijen van elke tabel geteld bij aankomst, en de { $entries } regels van het toegangslogboek gecontroleerd tot hetzelfde eindpunt (hieronder). Het SQLite-bestand blijft zoals het was, met dezelfde persoonsgegevens: verwijder het als u het niet meer nodig hebt. Opdrachten op deze map hebben nu --database (of INZAGE_DATABASE_URL) nodig.
cli-migrate-bad-to = --to moet een PostgreSQL-URL zijn, postgres://GEBRUIKER@HOST:POORT/DATABASE
cli-backup-in-postgres = { $dir } bewaart zijn tabellen in PostgreSQL (schema { $schema }): maak daarvan een back-up met pg_dump --schema={ $schema }, en van de map (eventbestanden en sleutels) erbij; `inzage backup` kopieert het SQLite-bestand
cli-backup-no-data = { $dir } bevat geen inzage-database om te back-uppen
cli-restore-done = { $files } bestanden ({ $bytes } bytes) teruggezet in { $dir }: elke hash klopte en het toegangslogboek is heel
cli-restore-kept-keys = { $keys } sleutelbestanden van de vervangen map behouden
cli-restore-no-keys = de back-up bevat geen sleutelbestanden: zet de pseudoniemsleutel terug in { $dir } (of stel INZAGE_KEY_FILE in) voordat je serve of import draait, anders krijgen nieuwe imports andere pseudoniemen
cli-restore-not-empty = { $dir } is niet leeg: zet terug in een lege of nieuwe map, of geef --force om hem te vervangen
cli-restore-no-log-key = { $file } bevat geen sleutel voor zijn toegangslogboek, en { $dir } ook niet, dus het logboek kan niet worden gecontroleerd; er is niets teruggezet. Maak de back-up met --include-keys, zet terug over de map die de sleutel heeft (--force), of zet access-log.key eerst in { $dir }
cli-restore-not-a-backup = { $file } is geen inzage-back-up: { $message }
cli-restore-missing = { $file }: bestand `{ $entry }` ontbreekt; er is niets teruggezet
cli-restore-tampered = { $file }: bestand `{ $entry }` klopt niet met zijn SHA-256 in het manifest; er is niets teruggezet
cli-restore-unlisted = { $file }: bestand `{ $entry }` staat niet in het manifest; er is niets teruggezet
cli-restore-unsafe = { $file }: bestand `{ $entry }` heeft een naam buiten de datamap; er is niets teruggezet
cli-restore-log-broken = { $file }: bestand `{ $entry }`: er is geknoeid met het toegangslogboek bij regel { $id } ({ $reason }); er is niets teruggezet

## Inloggen, HTTP-beveiliging en tweede factoren (beveiligingsonderzoek, issue #16)
cli-bad-public-url = --public-url { $url }: geef het adres waarop mensen het portaal bereiken, zoals https://inzage.example.org (http of https, een host, geen pad)
cli-notices-bad-url = --public-url `{ $url }`: geef het adres van het portaal zoals mensen het bereiken, beginnend met https:// (of http://)
cli-notices-written = { $letters } brieven ({ $invitations } met een uitnodiging) geschreven in { $dir }; de index voor samenvoegen is { $index }. De codes in de brieven werken één keer, { $days } dagen lang: deel de brieven uit en verwijder daarna de map.
cli-demo-notices = { $letters } brieven, één per werknemer, geschreven in { $dir }.
cli-demo-invitation = werknemer, uitnodiging uit de brief
cli-yearly-bad-year = --year { $year }: kies een jaar van { $first } (het eerste register) tot en met { $last }
cli-notices-no-system = --system { $system }: het register heeft zo'n systeem niet; het heeft { $known }
cli-nothing-imported = { $dir } bevat nog geen register: laad er een met inzage import
cli-notices-no-worker = --worker { $worker }: zo'n werknemer is niet geladen (gebruik de code uit het werknemersbestand)
check-audit-form = --audit `{ $arg }`: schrijf het als SYSTEEM=BESTAND, de id van het systeem in het register en zijn auditrapport (inzage audit --format json)
check-audit-system = --audit: het register heeft geen systeem `{ $system }`
check-audit-twice = --audit: systeem `{ $system }` staat er twee keer; geef één auditrapport per systeem
check-audit-read = --audit: { $file } is niet te lezen: { $message }
check-audit-json = --audit: { $file }, regel { $line }: geen JSON: { $message }
check-audit-not-report = --audit: { $file } is geen auditrapport (een JSON-object, zoals inzage audit --format json het schrijft)

cli-audit-no-input = geef minstens één invoer om te auditen: --events, --decisions of --measures
cli-bad-reference = --reference `{ $text }`: schrijf het als kenmerk=groep, bijvoorbeeld race=Caucasian
cli-bad-outcome = --outcome `{ $text }`: schrijf het als naam=soort,soort, bijvoorbeeld medium_high=Medium,High
cli-skipped-rows = { $count ->
    [one] 1 rij kon niet worden gelezen en is overgeslagen; de eerste:
   *[other] { $count } rijen konden niet worden gelezen en zijn overgeslagen; de eerste:
}
cli-note = let op: { $note }
cli-profile-list-header = Ingebouwde profielen (inzage profile show NAAM toont er een, om te kopiëren en aan te passen):
cli-profile-unknown = geen ingebouwd profiel `{ $name }`; de ingebouwde profielen zijn { $names }
cli-organisation-bad-id = --organisation { $id }: de id van een organisatie is 1 tot 64 kleine letters, cijfers en streepjes (zoals pakhuis-noord)
cli-organisation-single = { $dir } bevat één organisatie op het hoogste niveau en kan geen andere bevatten: geef een andere --data-dir voor een map met veel organisaties, of laat --organisation weg
cli-organisation-unknown = { $dir } bevat geen organisatie { $id } (wel: { $known }); inzage import --organisation { $id } maakt haar aan
cli-organisation-choose = { $dir } bevat { $n } organisaties: noem er een met --organisation ({ $known })
cli-no-organisations = --organisations moet minstens 1 zijn
cli-generated-organisations = { $organisations } organisaties geschreven naar { $out } ({ $with_events } met scannergebeurtenissen, { $events } gebeurtenissen in totaal). Lees ze in met: inzage import --organisations { $out } --data-dir MAP
cli-organisations-none = { $dir } bevat geen mappen: --organisations leest één organisatie per submap in (inzage generate --organisations schrijft ze)
cli-organisations-no-register = er staat geen register.toml in
cli-organisations-stopped = organisatie { $id } ({ $folder }) is niet ingelezen: { $message }. De { $loaded } ervoor zijn ingelezen; van { $id } niets.
cli-organisations-loaded = { $organisations } organisaties ({ $events } gebeurtenissen) ingelezen in { $dir } in { $seconds } s. Het overzicht: inzage report inspector --data-dir { $dir }
cli-bad-choice = { $flag } `{ $text }`: kies een van { $allowed }
cli-inspector-not-many = { $dir } is geen map met veel organisaties (er is geen map organisations/): lees ze in met inzage import --organisation ID of --organisations MAP
cli-organisation-one-key = { $variable } noemt één sleutelbestand, maar elke organisatie in een map met veel organisaties heeft eigen sleutels (één sleutel voor alle zou een werknemer overal hetzelfde pseudoniem geven, en één lek zou het lek van elke organisatie zijn): zet { $variable } uit voor deze map
cli-organisations-bad-name = { $dir } kan niet als organisaties worden ingelezen: de map { $name } { $why }. Er is niets ingelezen.
cli-organisations-bad-id = is geen id van een organisatie (1 tot 64 kleine letters, cijfers en streepjes)

# inzage cluster
cli-cluster-prepared = { $events } gebeurtenissen op volgorde geschreven naar { $file }: audit ze op een cluster met inzage audit --events { $file } --cluster df://HOST:POORT
cli-cluster-bad-scheduler = --scheduler { $text }: schrijf de scheduler als HOST:POORT, bijvoorbeeld 127.0.0.1:50050
cli-cluster-scheduler = scheduler luistert op { $address }; start executors met inzage cluster executor --scheduler { $address }
cli-cluster-executor = executor luistert op { $address } en werkt voor de scheduler op { $scheduler }
cli-cluster-no-events = --cluster voert de berekening per werknemer uit over de gebeurtenissen: geef ze met --events
cli-no-cluster = deze inzage is gebouwd zonder cluster: bouw hem met cargo build --release --features cluster
cli-cluster-not-prepared = { $file }: { $why }; het cluster leest gebeurtenissen in de kolommen van inzage met hun volgorde: schrijf ze met inzage cluster prepare --events { $file } --out GEBEURTENISSEN.parquet
cli-cluster-unreachable = geen scheduler antwoordt op { $url }: start er een met inzage cluster scheduler, of controleer het adres
cli-cluster-other-time-zone = { $file }: de lokale tijden zijn gelezen in { $prepared } en deze audit telt maanden in { $audited }: audit het met --tz { $prepared }, of bereid het opnieuw voor met --tz { $audited }

## De meldingen van de opdrachtregel
cli-error = inzage: { $message }
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
cli-user-invited = uitgenodigd
cli-bad-role = --role: `{ $role }` is geen rol; kies uit { $roles }
cli-account-invite-name = --name: geef een naam van 1 tot 100 tekens
cli-account-invite-worker = --worker: een account van een werkende heeft de code van die werkende nodig
cli-account-invite-not-worker = --worker: alleen een account van een werkende heeft er een, niet { $role }
cli-account-invite-taken = --name: de naam `{ $name }` is al in gebruik
cli-password = wachtwoord op standaardinvoer: { $problem }
cli-no-account = --user: er is geen account met de naam `{ $name }`; zie `inzage user list`
cli-token = Een token voor { $name }; het wordt één keer getoond, houd het geheim:
cli-log-whole = het toegangslogboek is heel: { $entries } regels, elke hash volgt uit de vorige
cli-log-broken = er is geknoeid met het toegangslogboek bij regel { $entry }: { $reason }
cli-running = inzage draait: open http://{ $addr }/ in een browser (Ctrl-C stopt het)
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

## Inloggen, HTTP-beveiliging en tweede factoren (beveiligingsonderzoek, issue #16)
cli-bad-public-url = --public-url { $url }: geef het adres waarop mensen het portaal bereiken, zoals https://inzage.example.org (http of https, een host, geen pad)

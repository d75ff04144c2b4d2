## Kader
nav-label = Hoofdmenu
nav-home = Start
nav-register = Register
nav-language = Taal
language-nl = Nederlands
language-en = English
footer = inzage maakt de algoritmen die werk sturen zichtbaar, toetsbaar en betwistbaar. Open source (EUPL-1.2).

## Start
home-title = Start
home-heading = Kijk in de algoritmen die werk sturen
home-lead = Scanners die elk pakket tellen, software die elke toetsaanslag vastlegt, apps die diensten en waarschuwingen uitdelen: inzage zet elk systeem dat werkenden volgt of beoordeelt in één register, met de feiten waar de wet om draait, zodat de mensen om wie het gaat erin kunnen kijken.
audience-council = Ondernemingsraden en hun deskundigen
audience-council-text = beoordelen een instemmingsverzoek met het register en straks met de monitoringgegevens zelf.
audience-worker = Werkenden
audience-worker-text = zien welke systemen hen volgen en wat die vastleggen.
audience-privacy = Privacyfunctionarissen
audience-privacy-text = houden het register volledig en actueel.
audience-inspector = Toezichthouders
audience-inspector-text = lezen de registers van werkgevers en vergelijken ze.
home-register-summary = Het register bevat { $systems } systemen (versie { $version }, geladen uit { $source }).
home-see-register = Bekijk het register
home-data-heading = Geladen monitoringgegevens
home-workers = Werkenden
home-decisions = Besluiten over werkenden
home-automated = waarvan geautomatiseerd
home-events = Vastgelegde gebeurtenissen
none-loaded = niets geladen
home-groups-heading = Het personeel in groepen
home-groups-note = Alleen groepen van ten minste { $min } werkenden worden getoond; kleinere groepen tellen als onderdrukt, zodat niemand herkenbaar wordt.
attribute = Kenmerk
groups = Groepen
suppressed = Onderdrukt
home-empty-heading = Nog geen organisatie geladen
home-empty-text = Deze gegevensmap bevat geen register. Start de demonstratie-organisatie met:

## Register
register-title = Register
register-version = Versie { $version }, geladen uit { $source } door { $author } op { $at }.
register-intro = Elk systeem dat werkenden volgt of beoordeelt, met de doelen, de gegevens die het verzamelt, de grondslag waarop de werkgever zich beroept en de instemming van de ondernemingsraad. Een feit dat niet is geregistreerd, staat er ook zo: onbekend is iets anders dan nee.
col-system = Systeem
col-status = Status
col-purposes = Doelen
col-data = Verzamelde gegevens
col-legal-basis = Grondslag
col-consent = Instemming OR
planned-functions = { $n ->
    [one] één functie niet ingeschakeld
   *[other] { $n } functies niet ingeschakeld
}
not-registered = niet geregistreerd

## Een systeem
system-facts = Geregistreerde feiten
consent-missing-note = De organisatie heeft een ondernemingsraad en het register toont geen instemming van de OR voor dit systeem.
system-data = Gegevens en hoe lang ze worden bewaard
col-retention = Bewaard
no-retention = geen bewaartermijn vastgesteld
system-targets = Productienormen
target-line = { $per_hour } gebeurtenissen van het soort { $kind } per uur: één per { $seconds } seconden.
system-decisions = Besluiten die het systeem neemt of voorbereidt
col-decision = Besluit
col-solely-automated = Volledig geautomatiseerd
col-significant = Aanmerkelijk gevolg
system-functions = Functies
functions-note = Een geplande of uitgeschakelde functie kan later worden aangezet; de ondernemingsraad hoort die wijziging te zien voordat ze gebeurt.
function-adds = voegt toe:
fact-vendor = Leverancier
fact-status = Status
fact-go-live = In gebruik sinds
fact-purposes = Doelen
fact-subjects = Van wie gegevens
fact-monitoring = Monitoring
fact-covert = Heimelijk
fact-off-duty = Buiten werktijd of op privéapparaten
fact-legal-basis = Grondslag (AVG art. 6)
fact-emotion = Leidt emoties af
fact-biometric = Biometrische gegevens gebruikt voor
fact-ai = AI-systeem (AI-verordening)
fact-shift = Geplande dienst
fact-dpia = Gegevensbeschermingseffectbeoordeling (DPIA)
fact-dpia-date = Datum beoordeling
fact-notice = Werkenden geïnformeerd op
fact-consent = Instemming ondernemingsraad
fact-consent-date = Datum status instemming
shift-summary = { $hours } uur met pauzes van { $breaks } minuten
days = { $n ->
    [one] één dag
   *[other] { $n } dagen
}
yes = ja
no = nee

## Fouten
not-found-title = Pagina niet gevonden
not-found-text = Op dit adres staat geen pagina. Misschien is het systeem uit het register gehaald, of is de link verkeerd getypt.
error-title = Er ging iets mis
error-logged = De fout is vastgelegd in het logboek van de server.

## Vocabulaires
status-planned = gepland
status-live = in gebruik
status-retired = buiten gebruik
function-planned = gepland
function-enabled = ingeschakeld
function-disabled = uitgeschakeld
purpose-productivity = productiviteit
purpose-performance_appraisal = beoordeling van functioneren
purpose-security = beveiliging
purpose-safety = veiligheid
purpose-attendance = aanwezigheid
purpose-scheduling = roosteren
purpose-task_allocation = taaktoewijzing
purpose-pay = beloning
purpose-discipline = sancties
purpose-recruitment = werving
purpose-training = opleiding
purpose-compliance = naleving
purpose-other = overig
subject-employees = werknemers
subject-temporary_workers = uitzendkrachten en flexkrachten
subject-applicants = sollicitanten
subject-contractors = ingehuurde krachten
subject-platform_workers = platformwerkers
monitoring-continuous = doorlopend
monitoring-periodic = periodiek
monitoring-incident = alleen na een incident
basis-consent = toestemming
basis-contract = overeenkomst
basis-legal_obligation = wettelijke verplichting
basis-vital_interest = vitaal belang
basis-public_task = publieke taak
basis-legitimate_interest = gerechtvaardigd belang
basis-none = geen
biometric-none = niet gebruikt
biometric-authentication = authenticatie
biometric-identification = identificatie
biometric-attendance = aanwezigheidsregistratie
biometric-categorisation = indeling in categorieën
decision-hire = aanname
decision-terminate = ontslag
decision-discipline = disciplinaire maatregel
decision-warning = waarschuwing
decision-pay = beloning
decision-roster = rooster
decision-task_allocation = taaktoewijzing
decision-promotion = promotie
decision-account_block = blokkering van account
decision-ranking = rangschikking
dpia-none = niet uitgevoerd
dpia-in_progress = in uitvoering
dpia-done = uitgevoerd
consent-not_requested = niet gevraagd
consent-requested = gevraagd, niet gegeven
consent-granted = verleend
consent-refused = geweigerd
consent-court_substitute = vervangen door de rechter
consent-cao_regulated = geregeld in de cao
data-scan_events = scangebeurtenissen
data-productivity_score = productiviteitsscore
data-rating = beoordeling
data-client_rating = klantbeoordeling
data-working_time = werktijd
data-attendance = aanwezigheid
data-badge = pasgebruik
data-location = locatie
data-keystrokes = toetsaanslagen
data-mouse_activity = muisactiviteit
data-screenshots = schermafbeeldingen
data-app_usage = gebruik van programma's
data-web_browsing = websitebezoek
data-email_metadata = e-mailmetagegevens
data-email_content = inhoud van e-mail
data-chat_content = inhoud van chats
data-call_audio = geluid van gesprekken
data-video = video
data-webcam = webcam
data-biometric = biometrische gegevens
data-health = gezondheid
data-emotion = emoties
data-union_activity = vakbondsactiviteit
data-private_communications = privécommunicatie
data-off_duty_activity = activiteit buiten werktijd

## Bevindingen en het regelboek
nav-rules = Regelboek
col-findings = Bevindingen
severity-violation = overtreding
severity-risk = risico
severity-advice = advies
tally-violations = { $n ->
    [one] 1 overtreding
   *[other] { $n } overtredingen
}
tally-risks = { $n ->
    [one] 1 risico
   *[other] { $n } risico's
}
tally-advice = { $n ->
    [one] 1 advies
   *[other] { $n } adviezen
}
system-findings = Wat de wet over dit systeem zegt
findings-summary = { $violations } overtredingen, { $risks } risico's en { $advice } adviezen, getoetst aan het regelboek zoals het recht vandaag geldt.
no-findings = Geen enkele regel vindt een probleem in wat er is geregistreerd.
unverified = bron nog niet getoetst aan de wettekst
in-force-from = geldt vanaf { $date }
why-and-what = Waarom, en wat te doen
why = Waarom:
what-to-do = Wat te doen:
questions-heading = Feiten die het register niet vermeldt
questions-note = Deze regels kunnen pas worden getoetst als het feit is geregistreerd. Onbekend is niet hetzelfde als toegestaan.
article = art.
system-history = Geschiedenis in het register
history-version = Versie { $version }, { $at }, door { $author }
history-added = Het systeem is aan het register toegevoegd.
history-removed = Het systeem is uit het register gehaald.
history-switched-on = De functie “{ $function }” is ingeschakeld. De ondernemingsraad moet deze wijziging zien: een nieuwe functie kan nieuwe instemming vereisen.
history-fact = Feit
history-before = Voor
history-after = Na
rules-title = Regelboek
rules-intro = { $total } regels uit de AVG, UAVG, WOR, Arbowet, Arbeidstijdenwet, de AI-verordening en de richtlijn platformwerk; { $unverified } daarvan steunen op een bron die nog niet aan de wettekst is getoetst, en zeggen dat ook. De verplichtingen voor AI met een hoog risico gelden als advies tot { $annex }.
col-rule = Regel
col-severity = Ernst
col-citations = Bron
col-in-force = Geldt vanaf
gated-annex-iii = plicht voor hoog risico: advies tot de datum van bijlage III

## Export naar het Algoritmeregister
yes-no-automated = volledig geautomatiseerd
yes-no-human = een mens beslist
yes-no-unknown = niet geregistreerd of een mens beslist
yes-no-ai = AI-systeem in de zin van de AI-verordening
yes-no-not-ai = geen AI-systeem in de zin van de AI-verordening
yes-no-balancing-done = De belangenafweging voor het gerechtvaardigd belang is vastgelegd.
yes-no-balancing-missing = Er is geen belangenafweging voor het gerechtvaardigd belang vastgelegd.
col-fideslang = fideslang-categorie
fideslang-none = geen: een werkplekcategorie van inzage zelf

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
audience-council-text = beoordelen een instemmingsverzoek met het register, wat de wet over elk systeem zegt, en een audit van de monitoringgegevens zelf.
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

## Het auditrapport
audit-title = Audit van de monitoringgegevens
audit-intro = Dit rapport neemt niet het woord van de werkgever over hoe een systeem werkt: het rekent uit wat het systeem heeft vastgelegd na hoe de productienorm uitpakt, of wettelijke pauzes worden genomen, wat de gegevens over elke werkende zichtbaar maken, of groepen verschillend worden behandeld, hoeveel van een score ruis is, en of de menselijke controle op geautomatiseerde besluiten echt is. Elk getal volgt de gepubliceerde definities, zodat een deskundige het kan narekenen.
audit-scope = { $events } vastgelegde gebeurtenissen van { $workers } werkenden in { $shifts } diensten.
audit-skipped = { $n } regels konden niet worden gelezen en zijn overgeslagen; de getallen hieronder laten ze weg.
audit-norms = Productienormen
audit-norm-line = De norm is { $per_hour } gebeurtenissen van het soort { $kind } per uur: één per { $seconds } seconden. Van { $rated } diensten met een meetbaar tempo haalde { $share } de norm; de middelste dienst (mediaan) liep { $median } per uur.
audit-bar = { $from } tot { $to } per uur: { $count } diensten
audit-chart-label = Verdeling van het tempo per dienst tegenover de norm
audit-chart-norm = norm
audit-chart-axis = eenheden per uur per dienst
audit-chart-caption = Diensten naar hun tempo; groene staven halen de norm. De hoogste staaf telt { $max } diensten.
audit-breaks = Wettelijke pauzes (Arbeidstijdenwet 5:4)
audit-breaks-line = { $needing } diensten waren lang genoeg voor een wettelijke pauze; bij { $missing } daarvan kwamen de pauzes van 15 minuten of langer niet tot het wettelijke minimum.
audit-toilet-test = De wc-test: kost uw pauze u de norm?
audit-penalty = { $pp } procentpunt (95%-interval { $lo } tot { $hi })
audit-penalty-explain = Van { $took } diensten met de wettelijke pauze haalden er { $took_meeting } de norm; van { $skipped } diensten zonder die pauze { $skipped_meeting }. Het getal is het verschil tussen die twee aandelen.
audit-penalty-finding = Diensten waarin de wettelijke pauze wordt genomen halen de norm veel minder vaak dan diensten waarin die wordt overgeslagen: de norm is te halen door pauzes over te slaan. Uw wettelijke pauze mag uw score niet verlagen.
audit-cnil = Wat de gegevens zichtbaar maken (de indicatoren die de CNIL bij Amazon buitensporig vond)
audit-cnil-intro = De Franse privacytoezichthouder beboette Amazon France Logistique in 2023 voor magazijnindicatoren als deze. Ze laten zien hoe nauwkeurig deze gegevens een werkgever elke minuut werk laten volgen.
audit-rapid = Scans binnen 1,25 s na de vorige gebeurtenis
audit-long-idle = Onderbrekingen van 10 minuten of meer binnen diensten
audit-short-pauses = Pauzes van 1 tot 10 minuten binnen diensten
audit-per-shift = per dienst
audit-groups = Worden groepen verschillend behandeld?
audit-groups-intro = Per uitkomst wordt elke groep vergeleken met de grootste groep. Een groep van minder dan { $min } werkenden wordt niet getoond, zodat niemand herkenbaar wordt. Een verhouding onder 0,8 of boven 1,25 is gemarkeerd als ongelijkheid; p is de tweezijdige exacte toets van Fisher.
audit-reference = Vergeleken met { $group }: { $positives } van { $n } ({ $rate }).
audit-no-reference = Elke groep is kleiner dan de minimale omvang; er wordt er geen getoond.
audit-col-group = Groep
audit-col-positives = met uitkomst
audit-col-rate = aandeel
audit-col-ratio = verhouding
audit-disparate = ongelijkheid
audit-suppressed = Niet getoond (te klein): { $groups }
audit-intersections = Combinaties van twee kenmerken
audit-noise = Hoeveel van de score is ruis?
audit-reliability = Vergelijkt men per werkende de oneven en de even diensten ({ $workers } werkenden), dan is de correlatie { $r }; de betrouwbaarheid van de score (Spearman–Brown) is { $sb }. Onder ongeveer 0,7 is een rangorde van personen niet te vertrouwen.
audit-flags = Als de werkgever de traagste { $share } markeert ({ $flagged } mensen) en dezelfde gegevens { $resamples } keer opnieuw worden getrokken, wordt { $unstable } van de gemarkeerden in minder dan de helft van de trekkingen opnieuw gemarkeerd: voor hen is de markering meer ruis dan signaal.
audit-review = Menselijke controle op geautomatiseerde besluiten
audit-review-line = Van { $decisions } besluiten waren er { $automated } geautomatiseerd. Daarvan werd { $reviewed } door een mens bekeken, in een mediaan van { $median } seconden; { $overturned } van die controles veranderde de uitkomst.
audit-rubber-stamp = Een controle die seconden duurt en niets terugdraait is een stempel: volgens artikel 22 AVG geldt zo'n besluit als volledig geautomatiseerd.
audit-parameters = Hoe dit is berekend
audit-parameters-line = Een dienst eindigt na een onderbreking van meer dan { $gap } s; een pauze is een onderbreking van minstens { $pause } s; minimale groepsomvang { $min }; startwaarde van de trekkingen { $seed }; lokale tijden gelezen in { $tz }.
audit-recompute = De definities worden met inzage gepubliceerd (docs/audit-definitions.md); de JSON-versie van dit rapport (inzage audit --format json) bevat elk getal.
system-audit-link = Toets de vastgelegde gegevens aan deze normen
audit-bars-label = Aandeel diensten dat de norm haalt, met en zonder de wettelijke pauze
audit-bars-took = met pauze: { $share }
audit-bars-skipped = zonder pauze: { $share }

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
home-groups-note = Alleen groepen van ten minste { $min } werkenden worden getoond, en niet al die groepen: een groep wordt ook verborgen als anders een kleinere groep terug te rekenen is door aftrekken. Een kenmerk dat een persoon aanwijst, zoals een personeelsnummer, vormt geen groepen; een getal met veel waarden wordt in klassen ingedeeld.
home-groups-unknown = (onbekend)
home-groups-identifying = Niet gebruikt voor groepen: bijna iedere werkende heeft een eigen waarde.
home-groups-too-many = Niet gebruikt voor groepen: { $distinct } verschillende waarden, te veel om te vergelijken.
home-groups-none-hidden = Alle groepen worden getoond.
attribute = Kenmerk
groups = Groepen
suppressed = Niet getoond
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

## Fouten
not-found-title = Pagina niet gevonden
not-found-text = Op dit adres staat geen pagina. Misschien is het systeem uit het register gehaald, of is de link verkeerd getypt.
error-title = Er ging iets mis
error-logged = De fout is vastgelegd in het logboek van de server.

## Bevindingen en het regelboek
nav-rules = Regelboek
col-findings = Bevindingen
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
findings-summary = { $violations ->
    [one] 1 overtreding
   *[other] { $violations } overtredingen
}, { $risks ->
    [one] 1 risico
   *[other] { $risks } risico's
} en { $advice ->
    [one] 1 advies
   *[other] { $advice } adviezen
}, getoetst aan het regelboek zoals het recht vandaag geldt.
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
rules-intro = Het recht van { $jurisdiction }, waar het register de organisatie plaatst: { $total } van de { $all } regels van het regelboek; { $unverified } daarvan steunen op een bron die nog niet aan de wettekst is getoetst, en zeggen dat ook. De verplichtingen voor AI met een hoog risico gelden als advies tot { $annex }; de regels van de richtlijn platformwerk totdat de nationale wet die haar omzet geldt (een instelling: --pwd-from).
col-rule = Regel
col-severity = Ernst
col-citations = Bron
col-in-force = Geldt vanaf
gated-annex-iii = plicht voor hoog risico: advies tot de datum van bijlage III
gated-annex-iii-before = plicht voor hoog risico: { $severity } tot de datum van bijlage III, daarna de volle ernst
gated-pwd-nl = platformwerk: advies totdat de nationale wet geldt

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
audit-cnil = Wat de gegevens zichtbaar maken (de indicatoren die de CNIL bij Amazon buitensporig vond; de Conseil d'État oordeelde in 2025 dat ze op gerechtvaardigd belang kunnen rusten, maar het 31 dagen bewaren van alle gedetailleerde gegevens van iedereen niet)
audit-cnil-intro = De Franse privacytoezichthouder beboette Amazon France Logistique in 2023 voor magazijnindicatoren als deze. Ze laten zien hoe nauwkeurig deze gegevens een werkgever elke minuut werk laten volgen.
audit-rapid = Scans binnen 1,25 s na de vorige gebeurtenis
audit-long-idle = Onderbrekingen van 10 minuten of meer binnen diensten
audit-short-pauses = Pauzes van 1 tot 10 minuten binnen diensten
audit-per-shift = per dienst
audit-groups = Worden groepen verschillend behandeld?
audit-groups-intro = Per uitkomst wordt elke groep vergeleken met de grootste groep (of de groep die met --reference is gevraagd). Een groep van minder dan { $min } werkenden wordt nooit getoond, en ook zoveel andere groepen niet als nodig is om te zorgen dat geen verborgen groep terug te rekenen is door de getoonde groepen van een totaal af te trekken (hoe: docs/privacy.md). De verhouding is het aandeel van de groep gedeeld door dat van de referentie; p is de tweezijdige exacte toets van Fisher.
audit-group-decision = Beslissingen ‘{ $decision }’, naar { $attribute }
audit-group-below = Diensten onder de norm voor { $kind }, naar { $attribute }
audit-group-and = { $first } en { $last }
audit-reference = Vergeleken met { $group }: { $positives } van { $n } ({ $rate }).
audit-no-reference = Elke groep is kleiner dan de minimale omvang; er wordt er geen getoond.
audit-col-group = Groep
audit-col-positives = met uitkomst
audit-col-rate = aandeel
audit-col-ratio = verhouding
audit-disparate = ongelijkheid
audit-suppressed-count = { $count ->
    [one] Eén groep wordt niet getoond.
   *[other] { $count } groepen worden niet getoond.
}
audit-suppressed-named = { $count ->
    [one] Eén groep wordt niet getoond: { $groups }.
   *[other] { $count } groepen worden niet getoond: { $groups }.
}
audit-attribute-binned = { $attribute } wordt in klassen ingedeeld, niet per waarde ({ $distinct } waarden): { $bins }.
audit-attribute-identifying = { $attribute } wordt niet gebruikt voor groepen: bijna iedere werkende heeft een eigen waarde, dus een groep zou één persoon zijn.
audit-attribute-too-many = { $attribute } wordt niet gebruikt voor groepen: er zijn { $distinct } verschillende waarden, te veel om te vergelijken.
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

## Accounts en rollen
nav-me = Mijn gegevens
nav-contests = Bezwaren
nav-people = Mensen
nav-login = Inloggen
logout = Uitloggen
logout-everywhere = Overal uitloggen
refused-login = Log in om deze pagina te zien.
refused-role = Uw rol geeft geen toegang tot deze pagina.
refused-method = Dit verzoek is hier niet toegestaan.
refused-too-large = Het formulier is te groot.
login-title = Inloggen
login-lead = Log in met de naam en het wachtwoord die u koos toen u uw uitnodiging aannam.
login-name = Naam
login-password = Wachtwoord
login-button = Inloggen
login-no-account = Geen account? Vraag de privacyfunctionaris van uw werkgever om een uitnodiging, of uw ondernemingsraad als u zijn deskundige bent.
login-failed = Die naam en dat wachtwoord horen niet bij elkaar.
login-too-many = Te veel mislukte pogingen: wacht 15 minuten en probeer het opnieuw.
invite-title = Kies uw wachtwoord
invite-lead = U bent uitgenodigd als { $name } ({ $role }). Kies een wachtwoord om af te ronden.
invite-password = Wachtwoord
invite-confirm = Nogmaals hetzelfde wachtwoord
invite-policy = Minstens 12 tekens; alle tekens mogen; een zin is prima. Veelgebruikte wachtwoorden worden geweigerd.
invite-button = Wachtwoord instellen
invite-invalid = Deze uitnodigingslink is niet geldig: hij is al gebruikt of verlopen. Vraag een nieuwe aan.
invite-name = Geef een naam van 1 tot 100 tekens.
invite-role = U kunt niemand met die rol uitnodigen.
invite-worker = Het account van een werknemer heeft het kenmerk van de werknemer uit de bestanden van de werkgever nodig.
invite-not-worker = Alleen het account van een werknemer heeft een werknemerskenmerk.
invite-taken = Die naam is al in gebruik.
password-mismatch = De twee wachtwoorden verschillen.
password-too-short = Het wachtwoord moet minstens 12 tekens hebben.
password-too-long = Het wachtwoord mag hoogstens 128 tekens hebben.
password-common = Dit wachtwoord is te gewoon: kies een ander.
password-is-name = Het wachtwoord mag niet uw naam zijn.
people-title = Mensen
people-invite = Iemand uitnodigen
people-name = Naam
people-role = Rol
people-worker = Werknemerskenmerk (alleen werknemers)
people-worker-note = Het kenmerk wordt alleen als pseudoniem bewaard.
people-invite-button = Uitnodigingslink maken
people-link = Stuur deze link naar de persoon. Hij werkt één keer en verloopt na 72 uur; hij wordt niet opnieuw getoond.
people-pseudonym = Pseudoniem
people-state = Status
account-active = actief
account-invited = uitgenodigd

## De eigen pagina van een werknemer
me-title = Mijn gegevens
me-lead = Wat de systemen van uw werkgever over u vastleggen en hoe ze dat gebruiken. U staat erin onder het pseudoniem { $worker }.
me-download = Alles downloaden (ZIP)
me-copy = Leesbare kopie
me-rows = De rijen zelf
me-systems = De systemen die over u gaan
me-notice-purpose = Waarvoor
me-notice-data = Welke gegevens
me-notice-basis = Grondslag
me-notice-retention = Hoe lang bewaard
me-notice-automated = Beslist zonder mens
me-notice-who = Wie het ziet
me-notice-who-text = De medewerkers die het systeem beheren zien uw eigen gegevens. De ondernemingsraad, zijn deskundigen en inspecteurs zien alleen totalen van groepen van minstens 10 mensen, onder pseudoniem.
me-rights = Uw rechten
me-rights-text = U mag uw gegevens inzien (AVG art 15), laten verbeteren (art 16) of wissen (art 17), meenemen (art 20), bezwaar maken (art 21), en u hoeft niet alleen door een machine beoordeeld te worden: vraag of een mens opnieuw kijkt en maak bezwaar tegen het besluit (art 22; AI-verordening art 86). U kunt klagen bij de Autoriteit Persoonsgegevens.
me-held = Wat er over u is vastgelegd
me-held-category = Gegevens
me-held-month = Maand
me-held-count = Aantal
me-category-events = gebeurtenissen “{ $kind }”
me-category-decisions = besluiten over u
me-category-attributes = gegevens over u (contract, ploeg, …)
me-category-contests = uw bezwaren
me-use = Hoe het algoritme ze gebruikt
me-shifts = Uw laatste diensten
me-shift-sentence = Op { $date } werkte u van { $start } tot { $end } en registreerde u { $units } × { $kind }: { $rate } per uur, waar de norm { $target } is.
me-shift-break-ok = U pauzeerde { $pause } minuten; de wet eist { $required } voor een dienst van deze lengte.
me-shift-break-missed = U pauzeerde { $pause } minuten, waar de wet { $required } eist voor een dienst van deze lengte.
me-shift-pause = U pauzeerde { $pause } minuten.
me-more-shifts = { $n } eerdere diensten
me-standing = Over { $shifts } diensten was uw gemiddelde { $mean } { $kind } per uur; de norm is { $target }.
me-flagged-stable = Het systeem rekent u tot de laagste { $share } %: u bent gemarkeerd. Opnieuw getrokken uit uw eigen diensten, { $resamples } keer, bent u in { $again } % daarvan weer gemarkeerd: de markering is stabiel.
me-flagged-unstable = Het systeem rekent u tot de laagste { $share } %: u bent gemarkeerd. Maar opnieuw getrokken uit uw eigen diensten, { $resamples } keer, bent u in maar { $again } % daarvan weer gemarkeerd: de markering is meer toeval dan verschil.
me-not-flagged = U hoort niet bij de laagste { $share } %. Opnieuw getrokken uit uw eigen diensten, { $resamples } keer, zou u in { $again } % daarvan gemarkeerd zijn.
me-decisions = Besluiten over u
me-no-decisions = Er is geen besluit over u vastgelegd.
me-decision-automated = genomen door het systeem
me-decision-human = genomen door een mens
me-decision-unknown = niet vastgelegd of een mens het nam
me-decision-reviewed = nagekeken door een mens
me-decision-reviewed-seconds = in { $seconds } seconden nagekeken door een mens
me-decision-not-reviewed = niet nagekeken door een mens
me-decision-overturned = teruggedraaid
me-decision-reason = Vastgelegde reden:
me-no-reason = geen reden vastgelegd
me-contest = Bezwaar maken tegen dit besluit
me-contest-reason = Waarom u het er niet mee eens bent
me-contest-deadline = Uw werkgever moet uiterlijk { $deadline } schriftelijk en met redenen antwoorden.
me-contest-button = Bezwaar maken
me-contested = U heeft bezwaar gemaakt tegen dit besluit.
me-contests = Uw bezwaren
me-no-contests = U heeft nog geen bezwaar gemaakt.
me-access = Wie uw gegevens bekeek
me-access-note = Elke keer dat iemand uw persoonsgegevens leest, staat dat hier. Het logboek kan niet veranderd worden zonder dat het te zien is.
me-access-command-line = de opdrachtregel (inzage user …)
me-access-who = Wie
me-access-what = Wat
me-rows-events = gebeurtenissen
me-rows-shifts = diensten
me-rows-decisions = besluiten
me-rows-page = Pagina { $page } van { $pages }; { $total } rijen in totaal.
page-previous = Vorige
page-next = Volgende
col-time = Tijd
col-kind = Soort
col-quantity = Aantal
col-date = Datum
col-start = Begin
col-end = Einde
col-units = Eenheden
col-rate = Per uur
col-target = Norm
col-pause = Pauze (min)
col-required-break = Vereiste pauze (min)
col-score = Score
col-reason = Reden
archive-readme = Uw gegevens uit inzage, zoals de systemen van uw werkgever ze vastleggen (AVG art 20). Pseudoniem: { $worker }. data.json bevat alles; events.csv de gebeurtenissen over u; shifts.csv uw diensten zoals de audit ze berekent; decisions.csv de besluiten over u met hun redenen; access-log.csv wie uw gegevens las.

## Bezwaren
contest-title = Bezwaar
contest-open = open
contest-answered = beantwoord
contest-due = Antwoord uiterlijk { $deadline }.
contest-overdue = te laat
contest-opened = Uw bezwaar (nummer { $id }) is ingediend. U vindt het antwoord hier.
contest-refused = Het bezwaar kon niet worden ingediend: kies een van uw eigen besluiten en schrijf waarom u het er niet mee eens bent.
contest-step-opened = Bezwaar gemaakt
contest-step-answered = Beantwoord
contest-outcome-upheld = Besluit blijft staan
contest-outcome-overturned = Besluit teruggedraaid
contest-answer = Schriftelijk antwoorden
contest-answer-text = Het antwoord, met de redenen
contest-answer-button = Antwoord versturen
contest-answer-needed = Kies blijft staan of teruggedraaid en schrijf de redenen.
contest-already-answered = Dit bezwaar is al beantwoord.
contests-title = Bezwaren
contests-lead = Bezwaren van werknemers tegen besluiten, vroegste termijn eerst. Elk moet schriftelijk en met redenen beantwoord worden.
contests-open = Open
contests-answered = Beantwoord
contests-none = Geen open bezwaren.
home-login = Log in om het register, uw eigen gegevens of de audits te zien
nav-account = Mijn account
account-title = Mijn account
account-change = Uw wachtwoord wijzigen
account-current = Uw huidige wachtwoord
account-change-note = Na de wijziging logt u opnieuw in, overal.
account-change-button = Wachtwoord wijzigen
account-current-wrong = Uw huidige wachtwoord klopt niet.

# The look: the skip link and the legend of the outcome radio group.
skip-to-content = Naar de inhoud
contest-outcome = Uitkomst

## The efficiency view (issue 12)
system-efficiency-link = De werkstroom, geanonimiseerd
efficiency-title = De werkstroom
efficiency-lead = Hoe het werk per groep uur na uur verloopt, uit cijfers met ruis, nooit uit één werkende: eenheden per uur, lange wachttijden, en hoeveel uren de norm halen. Elke weergave kost de eerste keer een deel van een privacybudget; daarna is het dezelfde weergave, zonder kosten.
efficiency-choose = Wat tonen
efficiency-by = Groepen naar
efficiency-per = Per
efficiency-per-hour = uur van de dag
efficiency-per-weekday = dag van de week
efficiency-show = Tonen
efficiency-budget = Privacybudget voor deze gegevens: ε { $spent } gebruikt van { $total }, nog ε { $left } over.
efficiency-release-heading = Nog niet getoond
efficiency-cost = Deze weergave is voor u nog niet vrijgegeven. Vrijgeven kost eenmalig ε { $cost } van het budget: iedereen in uw groep lezers ziet daarna dezelfde cijfers.
efficiency-release = Deze weergave vrijgeven
efficiency-spent = Deze weergave zou ε { $cost } kosten, en er is nog maar ε { $left } over. Er is niets vrijgegeven. Het budget geldt per gegevensset en groep lezers; eerder vrijgegeven weergaven blijven zichtbaar.
efficiency-intro = Groepen naar { $attribute }, per { $slot }, voor de norm van { $norm } { $kind } per uur, over { $days } dagen. Elk cijfer heeft ruis en staat er met zijn 95%-interval tussen haakjes bij. De ruis verbergt wat één werkende op één dag deed (ε { $epsilon } per werkdag van een werkende voor deze weergave): een werkdag telt voor hoogstens { $hours } klokuren, en een uur voor hoogstens { $units } eenheden.
efficiency-cached = Vrijgegeven voor uw groep lezers: opnieuw tonen kost niets, en het blijft hetzelfde.
efficiency-hidden-groups = { $count ->
    [one] Eén groep is weggelaten: die heeft minder dan { $min } werkenden, of tonen zou een kleinere groep terug te rekenen maken.
   *[other] { $count } groepen zijn weggelaten: die hebben minder dan { $min } werkenden, of tonen zou een kleinere groep terug te rekenen maken.
}
efficiency-too-noisy = te weinig uren om iets te zeggen
efficiency-col-hour = Uur
efficiency-col-weekday = Dag
efficiency-col-units = Eenheden per uur
efficiency-col-hours = Gewerkte uren
efficiency-col-idle = Wachttijden van 10 min of meer, per uur
efficiency-col-at-norm = Uren op de norm
efficiency-noise-heading = De ruis
efficiency-noise-intro = Elke maat wordt vrijgegeven met discrete Laplace-ruis (OpenDP). De grens is hoeveel de dag van één werkende de maat over de hele weergave samen hoogstens kan veranderen; de schaal is die grens gedeeld door de ε van de maat. Het 95%-interval van een aantal is dat aantal ± het getoonde getal; het interval van een verhouding volgt uit de intervallen van de twee aantallen.
efficiency-col-measure = Maat
efficiency-col-sensitivity = Grens per werkdag van één werkende
efficiency-col-scale = Schaal van de ruis
efficiency-col-ci = 95%-interval
efficiency-measure-hours = Gewerkte uren
efficiency-measure-units = Eenheden
efficiency-measure-idle = Wachttijden van 10 min of meer
efficiency-measure-at_norm = Uren op de norm
efficiency-back = Terug naar het systeem
efficiency-bad-attribute = Kies een van de kenmerken uit de lijst: dit kenmerk vormt geen groepen.
efficiency-bad-slot = Kies per uur of per dag van de week.
efficiency-no-norm = Dit systeem heeft geen productienorm, dus er is geen werkstroom te tonen.
efficiency-bad-norm = De norm van dit systeem is meer dan een miljoen eenheden per uur, en dat is geen echte norm: verbeter eerst het register.
efficiency-no-events = Er zijn nog geen monitoringgegevens ingelezen.
efficiency-no-attributes = Het werkendenbestand heeft geen kenmerk om op te groeperen.
weekday-1 = maandag
weekday-2 = dinsdag
weekday-3 = woensdag
weekday-4 = donderdag
weekday-5 = vrijdag
weekday-6 = zaterdag
weekday-7 = zondag

## Het instemmingsdossier (WOR art 27) en het adviesrapport.
nav-dossiers = Instemmingsdossiers
dossiers-title = Instemmingsdossiers
dossiers-lead = Voordat een controlesysteem draait, moet de ondernemingsraad instemmen (WOR artikel 27 lid 1 onder k en l). Een dossier bevat één verzoek: wat er gevraagd is, de vier toetspunten met hun onderbouwing, de vragen aan de werkgever, het besluit en de voorwaarden, die bij elke import opnieuw worden getoetst.
dossiers-none = Er zijn nog geen dossiers.
dossiers-col-system = Systeem
dossiers-col-requested = Gevraagd
dossiers-col-status = Stand
dossiers-col-attention = Vraagt aandacht
dossiers-broken = { $n ->
    [one] 1 voorwaarde geschonden
   *[other] { $n } voorwaarden geschonden
}
dossiers-overdue = { $n ->
    [one] 1 verzoek te laat
   *[other] { $n } verzoeken te laat
}
dossiers-changed = { $n ->
    [one] 1 wijziging sinds het verzoek
   *[other] { $n } wijzigingen sinds het verzoek
}
dossiers-open = Een dossier openen
dossiers-open-note = De privacyfunctionaris opent een dossier als de werkgever om instemming vraagt; de ondernemingsraad opent er zelf een als de werkgever dat nooit deed. Het dossier bewaart het systeem zoals het register het vandaag beschrijft: latere wijzigingen verschijnen als wijzigingen sinds het verzoek.
dossiers-requested-on = Datum van het instemmingsverzoek (of van de start door de OR)
dossiers-open-button = Dossier openen
dossier-title = Instemmingsdossier
dossier-system-page = Het systeem in het register
dossier-broken-alert = { $n ->
    [one] Eén voorwaarde van de instemming wordt geschonden door de gegevens die nu geladen zijn.
   *[other] { $n } voorwaarden van de instemming worden geschonden door de gegevens die nu geladen zijn.
}
dossier-overdue-alert = { $n ->
    [one] Eén informatieverzoek is na de termijn nog niet beantwoord.
   *[other] { $n } informatieverzoeken zijn na de termijn nog niet beantwoord.
}
dossier-download-pdf = Adviesrapport (PDF)
dossier-download-html = Adviesrapport (HTML)
dossier-download-json = Adviesrapport (JSON)
dossier-unchanged = Het systeem in het register is sinds het verzoek niet gewijzigd.
dossier-checkpoints-note = De onderbouwing komt uit de bevindingen van het regelboek en de audit van de gegevens die nu geladen zijn; ze verandert als er nieuwe gegevens worden geïmporteerd.
dossier-audit-link = Het volledige auditrapport
dossier-no-evidence = Nog geen bevinding of cijfer zegt iets over dit toetspunt.
dossier-col-figure = Cijfer of bevinding
dossier-col-source = Bron
dossier-save-checkpoint = Oordeel opslaan
dossier-answer-label = Het antwoord van de werkgever
dossier-answer-button = Antwoord versturen
dossier-ask = De werkgever iets vragen (WOR artikel 31)
dossier-due-label = Antwoord uiterlijk op
dossier-due-note = Leeg laten voor twee weken vanaf vandaag.
dossier-ask-button = Verzoek versturen
dossier-rule-questions = { $n ->
    [one] 1 vraag uit het regelboek: een gegeven dat het register niet vermeldt
   *[other] { $n } vragen uit het regelboek: gegevens die het register niet vermeldt
}
dossier-ask-this = Dit aan de werkgever vragen
dossier-no-expert = Er is geen deskundige uitgenodigd.
dossier-expert-link = Stuur deze link naar de deskundige. Hij werkt één keer en verloopt na 72 uur; hij wordt niet opnieuw getoond.
dossier-invite-expert = Een deskundige uitnodigen (WOR artikel 16)
dossier-expert-note = De werkgever betaalt een deskundige die de OR redelijkerwijs nodig heeft, maar moet vooraf van de kosten in kennis worden gesteld (WOR artikel 22 lid 2). De kostenraming die u hier invult, komt als die kennisgeving in het dossier en het adviesrapport.
dossier-expert-name = Accountnaam van de deskundige
dossier-expert-cost = Kostenraming, voor de kennisgeving aan de werkgever
dossier-invite-button = Deskundige uitnodigen
dossier-nullity-note = Past de werkgever het systeem toe zonder instemming, dan is het besluit nietig, maar alleen als de OR zich binnen een maand schriftelijk op de nietigheid beroept: na de schriftelijke mededeling van de werkgever, of zonder mededeling na de dag waarop het de OR is gebleken (WOR artikel 27 lid 5). Eindigt de maand op een zaterdag, zondag of algemeen erkende feestdag, dan loopt hij door tot de eerstvolgende werkdag (Algemene termijnenwet).
dossier-nullity-start = De nietigheidstermijn starten
dossier-nullity-from = Datum van de mededeling, of de dag waarop het de OR bleek
dossier-nullity-how = Hoe de OR het weet
dossier-nullity-button = Termijn starten
dossier-decide = Het besluit vastleggen
dossier-catalogue = Voorwaarden uit de catalogus
dossier-catalogue-note = Vink de voorwaarden aan die u wilt stellen. Elke voorwaarde heeft een toets die inzage bij elke import op de gegevens uitvoert; pas de toets (een CEL-expressie) aan, bijvoorbeeld het getal in een norm. Welke namen een toets kan lezen, staat in docs/conditions.md.
dossier-own-condition = Een eigen voorwaarde van de OR
dossier-own-id = Korte naam (letters, cijfers, streepjes)
dossier-own-nl = De voorwaarde in het Nederlands
dossier-own-en = De voorwaarde in het Engels
dossier-decide-button = Besluit vastleggen
dossier-change-function = Nieuwe functie: { $name }
dossier-change-enabled = Functie ingeschakeld: { $name }
dossier-change-data = Nieuwe gegevens: { $data }
dossier-change-target = Nieuwe norm: { $kind } { $per_hour } per uur
dossier-change-higher = Hogere norm: { $kind } van { $from } naar { $to } per uur
dossier-change-decision = Nieuw besluit: { $decision }
dossier-change-purpose = Nieuw doel: { $purpose }
dossier-asked-purposes = Doelen: { $list }
dossier-asked-data = Gegevens: { $list }
dossier-asked-function = Functie: { $name } ({ $status })
dossier-asked-target = Norm: { $kind } { $per_hour } per uur ({ $seconds } seconden per eenheid)
dossier-asked-decisions = Besluiten: { $list }
dossier-evidence-norm = Haalbaarheid van de norm
dossier-evidence-toilet = De plaspauzetoets (straf op pauzes)
dossier-evidence-breaks = Wettelijke pauzes
dossier-evidence-cnil = Wat de gegevens zichtbaar maken (CNIL-indicatoren)
dossier-evidence-cnil-line = Snelle scans: { $rapid }; wachttijden van 10 minuten of meer: { $idle }; korte pauzes: { $short }
dossier-evidence-review = Menselijke beoordeling van geautomatiseerde besluiten
dossier-evidence-rubber-stamp = Dit lijkt een stempel: een beoordeling die niets terugdraait en minder dan 30 seconden duurt.
dossier-evidence-reliability = Meet de score de werknemer? (betrouwbaarheid)
dossier-evidence-flags = Worden gemarkeerde werknemers bij toeval gemarkeerd? (stabiliteit)
dossier-evidence-disparity-label = Verschillen tussen groepen
dossier-evidence-disparity-none = Geen van de { $tables } groepsvergelijkingen laat een groep zien die anders wordt behandeld (verhouding buiten 0,8–1,25).
dossier-evidence-disparity = { $n } van de { $tables } groepsvergelijkingen laten een groep zien die anders wordt behandeld (verhouding buiten 0,8–1,25): { $list }
dossier-answered-by = { $date }, { $name }
dossier-question-from-rule = { $title }: { $message }
dossier-nullity-left = De werkgever past het systeem toe zonder instemming: de OR weet het sinds { $from }, { $how }. De maand om een beroep op nietigheid te doen eindigt op { $ends }: { $days ->
    [one] nog 1 dag
   *[other] nog { $days } dagen
}.
dossier-nullity-passed = De maand om een beroep op nietigheid te doen, vanaf { $from } ({ $how }), eindigde op { $ends }, { $days ->
    [one] 1 dag geleden
   *[other] { $days } dagen geleden
}.
dossier-opened-employer = De werkgever vroeg op { $date } om instemming; { $name } opende het dossier op registerversie { $version }.
dossier-opened-council = De ondernemingsraad opende dit dossier zelf op { $date } ({ $name }), op registerversie { $version }: de werkgever vroeg niet om instemming.
dossier-cost-notice = Kennisgeving aan de werkgever (WOR artikel 22 lid 2): de ondernemingsraad heeft { $name } als deskundige ingeschakeld; de verwachte kosten zijn { $cost }.
dossier-unknown-system = Dat systeem staat niet in het register.
dossier-future-date = Die datum ligt in de toekomst.
dossier-decided = Over dit dossier is besloten; een nieuw instemmingsverzoek is een nieuw dossier.
dossier-question-empty = Schrijf de vraag.
dossier-due-past = De termijn is al voorbij; kies vandaag of later.
dossier-answer-empty = Schrijf het antwoord.
dossier-answered = Dit verzoek is al beantwoord.
dossier-reasons-empty = Geef de motivering van de OR.
dossier-conditions-missing = Instemming onder voorwaarden vraagt minstens één voorwaarde: vink er een aan in de catalogus of schrijf er een.
dossier-conditions-unwanted = Voorwaarden horen alleen bij 'verleend onder voorwaarden': kies dat, of vink de voorwaarden uit.
dossier-conditions-duplicate = Twee voorwaarden hebben dezelfde korte naam.
dossier-cost-empty = Geef de kostenraming: de werkgever moet die vooraf kennen.
dossier-bad-date = Geef een datum als jaar-maand-dag.
dossier-bad-verdict = Kies een oordeel uit de lijst.
dossier-bad-outcome = Kies geweigerd, verleend, of verleend onder voorwaarden.
dossier-condition-invalid = Een voorwaarde is niet bruikbaar: { $message }
advice-title = Advies van de ondernemingsraad
advice-request = Het verzoek
advice-checkpoints = De vier toetspunten
advice-findings = Bevindingen, met de artikelen om te citeren
advice-requests = Informatieverzoeken (WOR artikel 31)
advice-decision = Besluit
advice-conditions = Voorwaarden
advice-nullity = Nietigheid (WOR artikel 27 lid 5)
advice-evidence = Onderbouwing
advice-verdict = Oordeel
advice-notes = Aantekeningen
advice-question = Vraag
advice-asked = Gesteld
advice-due = Uiterlijk
advice-answer = Antwoord
advice-state = Stand
advice-condition = Voorwaarde
advice-check = Toets
advice-none = Geen.
advice-page = Pagina
advice-generated = Gemaakt op
advice-changes = Gewijzigd sinds het verzoek
advice-letters = Artikelen die van toepassing zijn
advice-expert = Deskundige (WOR artikel 16)
advice-reasons = Motivering
advice-rule = Regel
advice-citation = Bron
advice-severity = Ernst
advice-charts = Grafieken
advice-undecided = De ondernemingsraad heeft nog niet besloten.
home-broken-conditions = { $n ->
    [one] Eén voorwaarde van een instemming wordt geschonden door de gegevens die nu geladen zijn.
   *[other] { $n } voorwaarden van instemmingen worden geschonden door de gegevens die nu geladen zijn.
}
advice-register = Registerversie
advice-invited = Uitgenodigd
advice-value = Cijfer of bevinding
dossier-bad-learned = Kies uit de lijst hoe de OR het weet.
condition-adapted = { $text } (aangepast door de ondernemingsraad: { $check })
dossier-change-subject = Betreft nu ook: { $subject }
dossier-change-monitoring = Registreert { $to }, waar het verzoek { $from } zei
dossier-change-retention = { $data } wordt { $to } dagen bewaard, waar het verzoek { $from } zei
dossier-change-automated = Nu alleen door het systeem besloten: { $decision }
condition-absent = ontbreekt
condition-why-no-audit = er is geen auditrapport (geen norm, of geen monitoringgegevens geladen)
condition-why-absent = { $path } ontbreekt
condition-why-null = { $path } heeft geen waarde
condition-why-not-in-list = { $path } ontbreekt (de lijst heeft { $items ->
    [one] 1 element
   *[other] { $items } elementen
})
condition-why-not-boolean = de toets gaf { $got }, niet waar of onwaar
condition-why-failed = de toets mislukte: { $message }

## Imports that survive failure and bad data (security review, issue #16)
me-unavailable = De cijfers van { $system } kunnen nu niet worden getoond: de monitoringgegevens ervan konden niet worden gelezen. Je andere gegevens staan hier zoals altijd; de privacyfunctionaris ziet de oorzaak in het logboek van het portaal.
history-unreadable = Deze versie is opgeslagen maar kan niet worden gelezen (een oudere inzage sloeg haar op, of ze is met de hand gewijzigd); ze is overgeslagen, en de volgende versie is vergeleken met de versie ervoor.

## Het toegangslogboek en de levensloop van accounts (beveiligingsonderzoek M6, M4, M11, M5, L12, L7)
advice-anchor = Eindpunt van het toegangslogboek toen dit verslag gemaakt werd (AANTAL:HASH; „inzage verify-log --expect” controleert dat er daarvóór niets veranderd of weggehaald is):
dossiers-log-head-title = Het eindpunt van het toegangslogboek
dossiers-log-head = Elke keer dat iemand persoonsgegevens van een werkende inziet, komt dat in het toegangslogboek; elke regel is verbonden met de vorige onder een sleutel die buiten de database bewaard wordt. Noteer dit eindpunt met de datum: later laat „inzage verify-log --expect” ermee zien of er daarvóór iets veranderd of van het eind weggehaald is.
invite-name-control = Een naam mag geen stuurtekens bevatten (een TAB, een nieuwe regel).
invite-worker-taken = Deze werkende heeft al een account. Schakel het andere account eerst uit; één werkende, één account.
token-days = Een token geldt 1 tot 366 dagen.
token-disabled = Dit account is uitgeschakeld.
contest-one-open = Tegen deze beslissing loopt al een bezwaar: eerst komt daarop het antwoord.
contest-too-many = U hebt vandaag het hoogste aantal bezwaren gemaakt dat op één dag kan. Probeer het morgen opnieuw.
contest-answer-too-long = Het antwoord mag hoogstens 5.000 tekens hebben.

## Inloggen, HTTP-beveiliging en tweede factoren (beveiligingsonderzoek, issue #16)
login-slowed = Te veel mislukte pogingen voor dit account: wacht { $seconds ->
    [one] een seconde
   *[other] { $seconds } seconden
} en probeer het opnieuw.
login-busy = Er worden nu veel inlogpogingen gecontroleerd: probeer het over een paar seconden opnieuw.
refused-host = Dit adres is niet waar dit portaal wordt aangeboden. Gebruik het eigen adres van het portaal.
second-title = Tweede factor
second-lead = Met een tweede factor vraagt het inloggen om uw wachtwoord én om een code van zes cijfers uit een app op uw telefoon (zoals Google Authenticator, Microsoft Authenticator, FreeOTP of 2FAS). Wie uw wachtwoord te weten komt, kan dan nog steeds niet als u inloggen.
second-off-status = Voor uw account is geen tweede factor ingesteld.
second-on-title = Uw tweede factor staat aan
second-on = Bij het inloggen wordt om een code uit uw app gevraagd. { $left ->
    [one] U hebt nog 1 ongebruikte herstelcode.
   *[other] U hebt nog { $left } ongebruikte herstelcodes.
}
second-manage = Uw tweede factor beheren
second-required-first = Dit portaal vereist voor uw rol een tweede factor: stel die in voordat u verdergaat.
second-start-lead = Stel hem nu in: het kost een minuut en een app op uw telefoon.
second-start-button = Een tweede factor instellen
second-setup-title = Uw app instellen
second-setup-app = Installeer een authenticator-app op uw telefoon, als u er nog geen hebt.
second-setup-scan = Voeg in de app een account toe en scan deze QR-code.
second-setup-type = Lukt scannen niet? Typ dan deze sleutel in de app:
second-setup-confirm = Typ de code van zes cijfers die de app nu toont, om te controleren dat het werkt.
second-qr-label = QR-code om te scannen met uw authenticator-app
second-confirm-button = Code controleren en aanzetten
second-code = Code
second-code-help = De zes cijfers die uw app nu toont, of een van uw herstelcodes.
second-code-button = Inloggen
second-code-wrong = Die code klopt niet. Typ de code die uw app nu toont (een code werkt één keer), of een ongebruikte herstelcode.
second-not-started = Begin eerst met instellen.
second-already-on = Voor dit account staat al een tweede factor aan.
second-required = Dit portaal vereist voor uw rol een tweede factor: die kan niet uit.
second-codes-title = Uw herstelcodes
second-codes-lead = Schrijf deze codes op of druk ze af, en bewaar ze apart van uw telefoon. Raakt u uw telefoon kwijt, dan kunt u met elke code één keer inloggen in plaats van met een code uit de app. Ze worden alleen nu getoond.
second-codes-done = Ik heb ze bewaard: terug naar mijn account
second-renew-title = Nieuwe herstelcodes
second-renew-button = Nieuwe herstelcodes maken
second-off-title = De tweede factor uitzetten
second-off-note = Uw account is dan alleen door uw wachtwoord beschermd.
second-off-button = Uitzetten
second-login-title = Uw code
second-login-lead = Uw wachtwoord klopt. Typ nu de code van zes cijfers die uw authenticator-app voor inzage toont.
second-login-gone = Er wacht hier geen inlog op een code: hij is niet begonnen, al gebruikt, of er zijn meer dan vijf minuten verstreken. Log opnieuw in met uw naam en wachtwoord.
second-login-lost = Telefoon en herstelcodes kwijt? Vraag de privacyfunctionaris om een nieuwe uitnodiging: die zet uw wachtwoord en uw tweede factor opnieuw.
refused-second-factor = Stel eerst een tweede factor in: dit portaal vereist die voor uw rol.
account-active-second = actief, met tweede factor
account-disabled = uitgeschakeld
people-actions = Acties
people-reinvite = Opnieuw uitnodigen
people-reinvite-label = Opnieuw uitnodigen: { $name }
people-disable = Uitschakelen
people-disable-label = Uitschakelen: { $name }
people-reinvited = { $name } is opnieuw uitgenodigd: het wachtwoord, de tweede factor, sessies en tokens zijn nu beëindigd. Stuur de link hieronder.
people-disabled = { $name } is uitgeschakeld: sessies en tokens zijn beëindigd en inloggen kan niet meer. Met ‘Opnieuw uitnodigen’ werkt het account weer.
people-self = Niet uw eigen account: uw wachtwoord en tweede factor wijzigt u onder Mijn account.
people-no-account = Er is geen account met die naam.
welcome-title = Uw eigen pagina: maak uw account
welcome-lead = Typ de code uit uw brief. Daarmee maakt u één keer uw eigen account; daarna ziet u uw eigen gegevens.
welcome-code = Code uit uw brief
welcome-code-note = Twaalf letters en cijfers, zoals K7QM-3XTP-9ARW. Hoofdletters en streepjes maken niet uit.
welcome-next = Verder
welcome-account-lead = De code klopt. Kies een naam en een wachtwoord voor uw eigen account. Alleen u ziet uw pagina.
welcome-name = Uw inlognaam
welcome-name-note = Een naam die u onthoudt. Anderen die inzage gebruiken kunnen hem in het toegangslogboek zien.
welcome-create = Maak mijn account
welcome-used = Deze code is gebruikt op { $date } en werkt maar één keer. Hebt u hem niet zelf gebruikt? Meld het de privacyfunctionaris.
welcome-expired = Deze code is verlopen op { $date }. Vraag de privacyfunctionaris om een nieuwe brief.
welcome-unknown = Deze code bestaat niet. Kijk wat u hebt getypt; hebt u een nieuwere brief gekregen, gebruik dan de code daaruit.
welcome-has-account = U hebt al een account. Log daarmee in; bent u het wachtwoord vergeten, vraag het de privacyfunctionaris.
login-welcome = Een brief met een code gekregen? Maak uw account
public-title = Openbaar register van algoritmes
public-lead = De computersystemen die { $organisation } gebruikt om werk vast te leggen, te plannen of te beoordelen, zoals het register op { $date } was. Niets erin gaat over één persoon.
public-standard = In de velden van de publicatiestandaard 1.0 van het Algoritmeregister, in het Nederlands en Engels.
public-json = Hetzelfde als JSON
public-off = Deze organisatie publiceert haar register niet.
public-findings = Wat het regelboek vindt
public-no-findings = Het regelboek vindt niets te melden.
public-description_short = Beschrijving
public-status = Status
public-publication_category = Categorie
public-begin_date = In gebruik sinds
public-goal = Doelen
public-lawful_basis = Grondslag
public-proportionality = Proportionaliteit
public-human_intervention = Menselijke tussenkomst
public-impacttoetsen = Impacttoetsen
public-source_data = Gebruikte gegevens
public-methods_and_models = Methoden
public-provider = Leverancier
public-category-high-risk = Hoog-risico AI-systeem
public-category-impactful = Impactvol algoritme
public-category-other = Overig algoritme
public-admin-lead = Iedereen mag het openbare register lezen, zonder in te loggen. Het toont de systemen uit het register in de velden van het Algoritmeregister, nooit iets over een persoon; de bevindingen alleen als u dat kiest.
public-admin-choose = Wat u publiceert
public-choice-off = Niets (de pagina bestaat dan niet)
public-choice-register = De systemen uit het register
public-choice-with_findings = De systemen en wat het regelboek erover vindt
public-admin-save = Opslaan
public-choice = Kies een van de drie.
yearly-title = Transparantieverslag { $year } · { $organisation }
yearly-subtitle = Gemaakt op { $date }. De kop van het toegangslogboek toen: { $head }.
yearly-systems = Systemen in gebruik
yearly-systems-lead = { $n ->
    [one] 1 systeem was
   *[other] { $n } systemen waren
} in het jaar in gebruik. De bevindingen zijn die van het regelboek, op het register dat op de eerste en de laatste dag van het jaar gold, naar de wet van die dag.
yearly-col-system = Systeem
yearly-col-start = Bevindingen aan het begin
yearly-col-end = Bevindingen aan het eind
yearly-col-changes = Wat veranderde
yearly-no-change = niets
yearly-not-registered = nog niet geregistreerd
yearly-severities = { $violation ->
    [one] 1 overtreding
   *[other] { $violation } overtredingen
}, { $risk ->
    [one] 1 risico
   *[other] { $risk } risico's
}, { $advice ->
    [one] 1 advies
   *[other] { $advice } adviezen
}
yearly-added = aan het register toegevoegd (versie { $version })
yearly-switched-on = functie aangezet: { $function }
yearly-dossiers = Instemming van de ondernemingsraad
yearly-dossiers-lead = { $n ->
    [one] 1 instemmingsdossier is
   *[other] { $n } instemmingsdossiers zijn
} in het jaar geopend of besloten.
yearly-conditions = Voorwaarden bij instemming: { $broken } keer geschonden, { $restored } keer hersteld.
yearly-col-requested = Instemming gevraagd
yearly-col-decision = Besluit
yearly-contests = Aangevochten beslissingen
yearly-contests-line = { $opened } beslissingen aangevochten; { $answered } beantwoord ({ $upheld } gehandhaafd, { $overturned } teruggedraaid), in een mediaan van { $median } dagen; { $overdue } te laat beantwoord of nog open na de termijn.
yearly-reads = Inzage in persoonsgegevens
yearly-reads-lead = { $n } keer zijn persoonsgegevens van een werknemer bekeken, naar de rol van wie keek.
yearly-col-role = Rol
yearly-col-reads = Keer bekeken
yearly-notices = Brieven aan werknemers
yearly-notices-line = { $runs } keer brieven gemaakt: { $letters ->
    [one] 1 brief
   *[other] { $letters } brieven
}, { $invitations } met een persoonlijke uitnodiging.
yearly-audits = De audits, samengevat
yearly-audits-lead = Over de gegevens die nu geladen zijn. Groepen van minder dan { $min } werknemers worden nooit getoond of geteld.
yearly-col-attainment = Diensten die de norm halen
yearly-col-penalty = Pauzestraf
yearly-col-disparate = Groepsvergelijkingen met ongelijkheid
yearly-page-title = Jaarlijkse transparantieverslagen
yearly-page-lead = Het verslag van de werkgever over een kalenderjaar: systemen en wijzigingen, bevindingen, instemming, bezwaren, inzage in persoonsgegevens, brieven en de audits samengevat. Alleen aantallen, nooit een persoon.
yearly-year = Jaar
nav-reports = Verslagen
rie-pace = Aandeel beoordeelde diensten dat de productienorm haalt (de rest blijft eronder).
rie-targets = Seconden per stuk die de productienorm toestaat.
rie-penalty = Pauzestraf: bij diensten die een wettelijke pauze nodig hebben, het aandeel dat de norm haalt met pauze min zonder, in procentpunten (negatief: de norm wordt gehaald door pauzes over te slaan).
rie-missing = Diensten zonder de wettelijke pauze.
rie-rapid = Aandeel gebeurtenissen dat binnen 1,25 seconde op de vorige volgt.
rie-idle = Gaten van 10 minuten of langer binnen diensten: wat doorlopend volgen zichtbaar maakt.
rie-state-holds = nagekomen
rie-state-broken = geschonden
rie-state-unknown = onbekend

audit-col-holm = p na Holm
audit-holm = Een groep wordt alleen gemarkeerd als de verhouding buiten 0,8–1,25 ligt én het verschil significant is na Holms correctie voor alle { $tests } vergelijkingen in dit rapport (bij 5 %). Een markering zegt: het aandeel van deze groep verschilt van dat van de referentie meer dan de vier-vijfde-grens toestaat, en meer dan toeval verklaart tussen alles wat vergeleken is. Ze zegt niet waarom, en niet dat het systeem de oorzaak is; en geen markering bewijst niet dat er geen verschil is — kleine groepen laten weinig zien.
audit-measures = Meetwaarden per periode
audit-measures-intro = Elke werkende telt één keer, met het gemiddelde over zijn of haar perioden. Groepen worden vergeleken met de grootste groep (of de gevraagde) met Welch' t-toets en de Mann–Whitney-U-toets; groepen van minder dan { $min } werkenden worden nooit getoond. Een verschil wordt gemarkeerd als Welch' toets significant is na Holms correctie voor alle { $tests } vergelijkingen in dit rapport (bij 5 %). Een markering zegt niet waarom, en niet dat het systeem de oorzaak is.
audit-measure-summary = { $rows } rijen van { $workers } werkenden over { $periods } perioden ({ $first } tot { $last }); mediaan van de gemiddelden per werkende: { $median }.
audit-measure-attainment = De waarde haalde het doel van de rij in { $share } van { $rows } rijen, over { $periods } getoonde perioden.
audit-measure-hidden-periods = { $hidden ->
    [one] 1 periode met te weinig werkenden is weggelaten.
   *[other] { $hidden } perioden met te weinig werkenden zijn weggelaten.
}
audit-measure-reference = Naar { $attribute }: referentie { $group } ({ $n } werkenden, gemiddelde { $mean }).
audit-col-mean = gemiddelde
audit-col-median = mediaan
audit-col-difference = verschil
audit-differs = wijkt af
audit-linkage = Wie er vergeleken worden: { $population } van de { $workers } werkenden in het werkendenbestand. { $parts }
audit-linkage-events = { $count ->
    [one] 1 werkende met gebeurtenissen staat niet in het werkendenbestand, en zit dus in geen groep.
   *[other] { $count } werkenden met gebeurtenissen staan niet in het werkendenbestand, en zitten dus in geen groep.
}
audit-linkage-decisions = { $count ->
    [one] 1 besluit gaat over iemand die niet in het werkendenbestand staat.
   *[other] { $count } besluiten gaan over mensen die niet in het werkendenbestand staan.
}
audit-linkage-measures = { $count ->
    [one] 1 rij met meetwaarden gaat over iemand die niet in het werkendenbestand staat.
   *[other] { $count } rijen met meetwaarden gaan over mensen die niet in het werkendenbestand staan.
}
audit-no-events = Er zijn geen gebeurtenissen gegeven: dit rapport gaat alleen over de besluiten en meetwaarden, en heeft dus geen productienormen, pauzes of CNIL-indicatoren.
audit-asked-attributes = Vergeleken kenmerken: { $attributes }.
audit-asked-population = Alleen de werkenden voor wie { $condition } geldt.
audit-asked-reference = Gevraagde referentiegroepen: { $reference }.
audit-asked-outcomes = Samen geteld als één uitkomst: { $outcomes }.

## Een portaal van veel organisaties (serve over een map met veel organisaties)

nav-overview = Overzicht
organisation-shown = Organisatie
organisation-switch = kies een andere
organisation-none = Kies eerst een organisatie: stuur haar code mee in de header Inzage-Organisation.
organisations-title = Kies uw organisatie
organisations-lead = Dit portaal dient meerdere organisaties, elk met eigen accounts en gegevens. Typ de code van de uwe.
organisations-code = Code van de organisatie
organisations-code-hint = Die staat in de link van uw uitnodiging of brief, direct na /o/.
organisations-button = Verder
organisations-private = Het portaal toont geen lijst van organisaties: welke werkgevers erin staan is niet openbaar.
organisations-unknown = Geen organisatie heeft de code ‘{ $code }’. Kijk de link van uw uitnodiging of brief na.
overview-filters = Het overzicht filteren
overview-any = alle
overview-sort = Volgorde
overview-apply = Toon
overview-bad-filter = Zo kan het overzicht niet gefilterd worden: kies een grootte en een volgorde uit de lijsten.
overview-how-to-open = De code tussen haakjes na elke naam opent die organisatie (kies bovenaan een andere). U logt bij elke organisatie apart in: uw toegang gaf u bij elk een account.

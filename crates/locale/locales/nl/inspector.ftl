## Het overzicht van de inspecteur over veel organisaties (inzage report inspector)

inspector-title = Overzicht van organisaties
inspector-subtitle = Gemaakt op { $date }. De cijfers van elke organisatie zijn van de dag in de laatste kolom.
inspector-organisations = Organisaties
inspector-lead = { $total ->
    [one] { $shown } van 1 organisatie getoond.
   *[other] { $shown } van { $total } organisaties getoond.
}
inspector-filter-sector = Sector: { $sector }.
inspector-filter-size = Grootte: { $size }.
inspector-sorted = Slechtste eerst op: { $sort }.
inspector-without-summary = { $n ->
    [one] Bij 1 organisatie is nog niets ingelezen: { $ids }.
   *[other] Bij { $n } organisaties is nog niets ingelezen: { $ids }.
}
inspector-how = Overtredingen zijn de bevindingen van het regelboek met de zwaarte overtreding, geteld naar de eerst genoemde wet. Instemming en DPIA noemen de systemen waarvoor de instemming van de ondernemingsraad of een verplichte DPIA ontbreekt. Normhaling is het laagste aandeel diensten dat een productienorm haalt; de wc-test is hoeveel procentpunt minder vaak diensten met een wettelijke pauze de norm halen dan diensten zonder ("gezakt": het 95%-interval ligt helemaal onder nul); ongelijkheid zegt of een groepsvergelijking na Holms correctie gemarkeerd is.
inspector-sort-name = naam
inspector-sort-violations = overtredingen
inspector-sort-consent = instemming ontbreekt
inspector-sort-dpia = DPIA ontbreekt
inspector-sort-attainment = normhaling
inspector-sort-toilet-test = wc-test
inspector-sort-size = grootte
inspector-size-micro = micro
inspector-size-small = klein
inspector-size-medium = middelgroot
inspector-size-large = groot
inspector-size-unknown = grootte onbekend
inspector-col-organisation = Organisatie
inspector-col-sector = Sector
inspector-col-size = Grootte
inspector-col-systems = Systemen
inspector-col-violations = Open overtredingen
inspector-col-consent = Instemming ontbreekt
inspector-col-dpia = DPIA ontbreekt
inspector-col-attainment = Normhaling
inspector-col-toilet = Wc-test
inspector-col-disparity = Ongelijkheid
inspector-col-as-of = Cijfers van
inspector-toilet-failed = gezakt
inspector-toilet-not-shown = niet aangetoond
inspector-sectors = Sectoren
inspector-sectors-lead = Aantallen organisaties per sector. Een sector met minder dan { $min } organisaties wordt niet getoond, en ook geen andere sector waarvan de cijfers hem door aftrekken zouden teruggeven.
inspector-sectors-hidden = { $sectors ->
    [one] 1 sector wordt niet getoond
   *[other] { $sectors } sectoren worden niet getoond
}; samen met de organisaties zonder sector gaat het om { $organisations } organisaties.
inspector-col-organisations = Organisaties
inspector-col-with-violations = Met een overtreding
inspector-col-consent-orgs = Instemming ontbreekt
inspector-col-dpia-orgs = DPIA ontbreekt
inspector-col-disparity-orgs = Ongelijkheid gevonden
inspector-col-median-attainment = Mediane normhaling
inspector-sectors-title = Organisaties per sector
inspector-sectors-subtitle = Gemaakt op { $date }. Geen organisatie wordt genoemd: deze cijfers mogen worden gepubliceerd.
inspector-sectors-dash = Een streepje: dat aantal wordt niet getoond, omdat het met de andere cijfers van elke organisatie in een sector zou zeggen of zij het probleem heeft (zoals wanneer ze het allemaal hebben).
inspector-sectors-none = Geen sector heeft genoeg organisaties om getoond te worden.

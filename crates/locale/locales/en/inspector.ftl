## The inspector's overview of many organisations (inzage report inspector)

inspector-title = Organisations overview
inspector-subtitle = Made on { $date }. Each organisation's figures are from the day in its last column.
inspector-organisations = Organisations
inspector-lead = { $total ->
    [one] { $shown } of 1 organisation shown.
   *[other] { $shown } of { $total } organisations shown.
}
inspector-filter-sector = Sector: { $sector }.
inspector-filter-size = Size: { $size }.
inspector-sorted = Worst first by: { $sort }.
inspector-without-summary = { $n ->
    [one] 1 organisation has nothing imported yet: { $ids }.
   *[other] { $n } organisations have nothing imported yet: { $ids }.
}
inspector-how = Violations are the rulebook's findings of severity violation, counted by the law cited first. Consent and DPIA name the systems for which the works council's consent or a required DPIA is missing. Attainment is the lowest share of shifts meeting a production norm; the toilet test is how many percentage points less often shifts with a legal break meet the norm than shifts without ("failed": its 95 % interval lies wholly below zero); disparity says whether a group comparison was marked after Holm's correction.
inspector-sort-name = name
inspector-sort-violations = violations
inspector-sort-consent = consent missing
inspector-sort-dpia = DPIA missing
inspector-sort-attainment = norm attainment
inspector-sort-toilet-test = toilet test
inspector-sort-size = size
inspector-size-micro = micro
inspector-size-small = small
inspector-size-medium = medium
inspector-size-large = large
inspector-size-unknown = size unknown
inspector-col-organisation = Organisation
inspector-col-sector = Sector
inspector-col-size = Size
inspector-col-systems = Systems
inspector-col-violations = Open violations
inspector-col-consent = Consent missing
inspector-col-dpia = DPIA missing
inspector-col-attainment = Norm attainment
inspector-col-toilet = Toilet test
inspector-col-disparity = Disparity
inspector-col-as-of = Figures of
inspector-toilet-failed = failed
inspector-toilet-not-shown = not demonstrated
inspector-sectors = Sectors
inspector-sectors-lead = Counts of organisations per sector. A sector of fewer than { $min } organisations is not shown, nor is any other sector whose figures would give it back by subtraction.
inspector-sectors-hidden = { $sectors ->
    [one] 1 sector is not shown
   *[other] { $sectors } sectors are not shown
}; together with organisations without a sector they hold { $organisations } organisations.
inspector-col-organisations = Organisations
inspector-col-with-violations = With a violation
inspector-col-consent-orgs = Consent missing
inspector-col-dpia-orgs = DPIA missing
inspector-col-disparity-orgs = Disparity found
inspector-col-median-attainment = Median attainment
inspector-sectors-title = Organisations by sector
inspector-sectors-subtitle = Made on { $date }. No organisation is named: these figures may be published.
inspector-sectors-dash = A dash: that count is not shown, because with the other figures it would say of each organisation in a sector whether it has the problem (as when all of them have it).
inspector-sectors-none = No sector has enough organisations to be shown.

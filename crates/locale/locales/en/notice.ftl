# A worker's notice (inzage notices): plain language, level B1.
notice-title = What { $organisation } records about you, and your rights
notice-to = To: the employee who receives this letter
notice-to-id = To: employee { $id }
notice-intro = { $organisation } uses { $n ->
    [one] one computer system
   *[other] { $n } computer systems
} that record data about you or help take decisions about you. The law says we must tell you what they do. This letter tells you, per system, what is recorded, why, and who sees it. It also tells you how to see your own data.
notice-systems-heading = The systems
notice-status-label = In use
notice-status-live = yes
notice-status-planned = not yet: planned
notice-status-planned-from = not yet: planned from { $date }
notice-records = What it records
notice-purposes = What for
notice-basis = Legal ground (GDPR art 6)
notice-retention = How long it is kept
notice-who-label = Who has the data
notice-who = { $organisation }
notice-who-vendor = { $organisation }, and { $vendor }, who runs the system for { $organisation } (processor)
notice-decisions = Decisions
notice-decision-alone = { $kind }: the computer decides on its own (automated decision). You may ask for a person to look at it again.
notice-decision-person = { $kind }: the computer prepares it, a person decides.
notice-decision-unknown = { $kind }: the register does not say whether a person decides. Ask the privacy officer.
notice-norms = Work pace it expects
notice-norm = { $kind }: { $per_hour } per hour, that is { $seconds } seconds for each one (production norm).
notice-rights-heading = Your rights
notice-right-informed = You must be told what is recorded about you and why (GDPR arts 13 and 14). This letter does that.
notice-right-access = You may see all data about you and get a copy (right of access, GDPR art 15). Your own page shows it.
notice-right-correct = You may have wrong data corrected (GDPR art 16) and object to its use (GDPR art 21).
notice-right-object = You may ask for data to be deleted or its use to be limited, where the law allows it (GDPR arts 17 and 18).
notice-right-copy = You may take your data with you in a file a computer can read (data portability, GDPR art 20). Your own page has a download.
notice-right-person = A computer may not take an important decision about you on its own. You may ask for a person to look at it, give your view, and contest the decision (GDPR art 22). You can do this on your own page.
notice-right-ai = Where an AI system helps decide about you, you must be told, and you may ask for a clear explanation of its role in the decision (AI Act arts 26(7), 26(11) and 86).
notice-right-platform = Because you work through a digital labour platform, you must be told how its automated systems monitor you and take decisions, and you may ask a person to explain and review them (Platform Work Directive art 9).
notice-right-council = The works council has a say in these systems (WOR art 27). You may also ask the works council or the Dutch Data Protection Authority (Autoriteit Persoonsgegevens) for help.
notice-way-in-heading = Your own page
notice-way-in-lead = You can see your own data and who looked at it on your own page. Only you can open it.
notice-way-in-link = Open the link below, or scan the QR code with your phone.
notice-way-in-code = Or go to { $url } and type the code below.
notice-way-in-expires = The code works once, until { $date }. After that, ask the privacy officer for a new one.
notice-way-in-account = You already have an account. Log in at { $url } to see your own data.
notice-code-label = Your code:
notice-qr-label = QR code of the link to your own page
notice-reference = Reference { $worker }

# De brief aan een werknemer (inzage notices): eenvoudige taal, niveau B1.
notice-title = Wat { $organisation } over u vastlegt, en uw rechten
notice-to = Aan: de werknemer die deze brief krijgt
notice-to-id = Aan: werknemer { $id }
notice-intro = { $organisation } gebruikt { $n ->
    [one] één computersysteem
   *[other] { $n } computersystemen
} die gegevens over u vastleggen of helpen beslissen over u. De wet zegt dat wij u moeten vertellen wat die doen. In deze brief staat per systeem wat het vastlegt, waarvoor, en wie het ziet. En hoe u uw eigen gegevens kunt bekijken.
notice-systems-heading = De systemen
notice-status-label = In gebruik
notice-status-live = ja
notice-status-planned = nog niet: gepland
notice-status-planned-from = nog niet: gepland vanaf { $date }
notice-records = Wat het vastlegt
notice-purposes = Waarvoor
notice-basis = Grondslag (AVG art. 6)
notice-retention = Hoe lang het bewaard wordt
notice-who-label = Wie de gegevens heeft
notice-who = { $organisation }
notice-who-vendor = { $organisation }, en { $vendor }, dat het systeem voor { $organisation } draait (verwerker)
notice-decisions = Beslissingen
notice-decision-alone = { $kind }: de computer beslist alleen (geautomatiseerd besluit). U mag vragen dat een mens er opnieuw naar kijkt.
notice-decision-person = { $kind }: de computer bereidt het voor, een mens beslist.
notice-decision-unknown = { $kind }: het register zegt niet of een mens beslist. Vraag het de privacyfunctionaris.
notice-norms = Werktempo dat het verwacht
notice-norm = { $kind }: { $per_hour } per uur, dat is { $seconds } seconden per stuk (productienorm).
notice-rights-heading = Uw rechten
notice-right-informed = U moet horen wat er over u wordt vastgelegd en waarom (AVG art. 13 en 14). Deze brief doet dat.
notice-right-access = U mag alle gegevens over u inzien en een kopie krijgen (recht op inzage, AVG art. 15). Uw eigen pagina laat ze zien.
notice-right-correct = U mag foute gegevens laten verbeteren (AVG art. 16) en bezwaar maken tegen het gebruik ervan (AVG art. 21).
notice-right-object = U mag vragen gegevens te wissen of het gebruik te beperken, waar de wet dat toestaat (AVG art. 17 en 18).
notice-right-copy = U mag uw gegevens meenemen in een bestand dat een computer kan lezen (dataportabiliteit, AVG art. 20). Op uw eigen pagina kunt u ze downloaden.
notice-right-person = Een computer mag niet alleen een belangrijk besluit over u nemen. U mag vragen dat een mens ernaar kijkt, uw kant vertellen en het besluit aanvechten (AVG art. 22). Dat kan op uw eigen pagina.
notice-right-ai = Als een AI-systeem helpt beslissen over u, moet u dat horen, en mag u om een duidelijke uitleg van zijn rol in het besluit vragen (AI-verordening art. 26, lid 7 en 11, en art. 86).
notice-right-platform = Omdat u via een digitaal arbeidsplatform werkt, moet u horen hoe de geautomatiseerde systemen u volgen en beslissen, en mag u een mens vragen die uit te leggen en te herzien (richtlijn platformwerk art. 9).
notice-right-council = De ondernemingsraad praat mee over deze systemen (WOR art. 27). U kunt ook de ondernemingsraad of de Autoriteit Persoonsgegevens om hulp vragen.
notice-way-in-heading = Uw eigen pagina
notice-way-in-lead = Op uw eigen pagina ziet u uw eigen gegevens en wie ze heeft bekeken. Alleen u kunt die pagina openen.
notice-way-in-link = Open de link hieronder, of scan de QR-code met uw telefoon.
notice-way-in-code = Of ga naar { $url } en typ de code hieronder.
notice-way-in-expires = De code werkt één keer, tot en met { $date }. Daarna vraagt u de privacyfunctionaris om een nieuwe.
notice-way-in-account = U hebt al een account. Log in op { $url } om uw eigen gegevens te zien.
notice-code-label = Uw code:
notice-qr-label = QR-code van de link naar uw eigen pagina
notice-reference = Kenmerk { $worker }

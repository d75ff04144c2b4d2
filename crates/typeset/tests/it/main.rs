//! The typeset crate's integration tests: PDFs are compiled and then read back with poppler's
//! `pdftotext` and `pdfinfo` (Debian `poppler-utils`), so what is checked is what a reader sees.

use std::process::Command;

use serde_json::{Value, json};

fn sample() -> Value {
    serde_json::from_str(include_str!("../sample.json")).expect("tests/sample.json is JSON")
}

/// The sample with English labels and `lang: "en"` (the data stays as it is).
fn english_sample() -> Value {
    let mut input = sample();
    input["lang"] = json!("en");
    input["labels"] = json!({
        "title": "Works council advice", "request": "The request", "checkpoints": "The four checkpoints",
        "findings": "Findings", "requests": "Information requests", "decision": "Decision",
        "conditions": "Conditions", "nullity": "Nullity", "evidence": "Evidence", "verdict": "Verdict",
        "notes": "Notes", "question": "Question", "asked": "Asked", "due": "Due", "answer": "Answer",
        "state": "State", "condition": "Condition", "check": "Check", "none": "None", "page": "Page",
        "generated": "Generated on", "changes": "Changed since the request", "letters": "Articles",
        "expert": "Expert", "reasons": "Reasons", "rule": "Rule", "citation": "Article",
        "severity": "Severity", "charts": "Charts"
    });
    input
}

/// The sample with every nullable object null and every list empty.
fn empty_sample() -> Value {
    let mut input = sample();
    for key in ["expert", "decision", "nullity"] {
        input[key] = Value::Null;
    }
    for key in ["checkpoints", "findings", "requests", "conditions", "charts"] {
        input[key] = json!([]);
    }
    for key in ["letters", "asked", "changes"] {
        input["request"][key] = json!([]);
    }
    input
}

/// Runs a poppler tool on the PDF and returns its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(file.path())
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} did not run ({e}): apt-get install poppler-utils"));
    assert!(output.status.success(), "{tool}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The PDF's text (`pdftotext -layout`), one string per page, with every run of white space
/// collapsed to one space: a phrase on one line matches however `-layout` spaced it; for a phrase
/// that a table cell wraps over lines, use `assert_words`.
fn pages(pdf: &[u8]) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout"], pdf);
    let mut pages: Vec<String> =
        text.split('\u{c}').map(|page| page.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

fn text(pdf: &[u8]) -> String {
    pages(pdf).join(" ")
}

/// Asserts that every word of `phrase` is in `text` (for phrases a table cell may wrap).
fn assert_words(text: &str, phrase: &str) {
    let words: Vec<&str> = text.split(' ').collect();
    for word in phrase.split_whitespace() {
        assert!(words.contains(&word), "{word:?} (of {phrase:?}) is not in the PDF text:\n{text}");
    }
}

fn assert_phrase(text: &str, phrase: &str) {
    assert!(text.contains(phrase), "{phrase:?} is not in the PDF text:\n{text}");
}

#[test]
fn the_sample_is_a_pdf() {
    let pdf = typeset::advice_pdf(&sample()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "{:?}", &pdf[..16.min(pdf.len())]);
}

#[test]
fn the_sample_shows_its_data() {
    let text = text(&typeset::advice_pdf(&sample()).unwrap());
    assert_phrase(&text, "Pakhuis Noord B.V.");
    assert_phrase(&text, "Proportionaliteit");
    assert_words(&text, "De norm is ten hoogste 600 scans per uur.");
    assert_words(&text, "Wie kan de ranking inzien?");
    assert_phrase(&text, "Instemming met voorwaarden");
    assert_phrase(&text, "31 % van de diensten");
    assert_phrase(&text, "Te laat");
    // Text inside the SVG charts is text in the PDF, set in the bundled sans.
    assert_phrase(&text, "ochtend");
}

#[test]
fn dutch_and_english_inputs_show_their_own_labels() {
    let dutch = text(&typeset::advice_pdf(&sample()).unwrap());
    let english = text(&typeset::advice_pdf(&english_sample()).unwrap());
    for (label, absent) in [
        ("Informatieverzoeken", "Information requests"),
        ("De vier toetspunten", "The four checkpoints"),
        ("Gemaakt op 4 december 2026", "Generated on 4 december 2026"),
        ("Pagina 1 /", "Page 1 /"),
        ("Aantekeningen Geen", "Notes None"),
    ] {
        assert_phrase(&dutch, label);
        assert!(!dutch.contains(absent), "{absent:?} in the Dutch PDF");
        assert_phrase(&english, absent);
        assert!(!english.contains(label), "{label:?} in the English PDF");
    }
}

#[test]
fn every_page_has_its_number_of_the_total() {
    let pages = pages(&typeset::advice_pdf(&sample()).unwrap());
    assert!(pages.len() >= 2, "the sample should run over pages: {}", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert_phrase(page, &format!("Pagina {} / {}", i + 1, pages.len()));
    }
}

#[test]
fn null_objects_and_empty_lists_show_the_none_label() {
    let text = text(&typeset::advice_pdf(&empty_sample()).unwrap());
    // asked, letters, changes, expert, checkpoints, findings, requests, decision, conditions,
    // nullity, charts.
    assert_eq!(text.split(' ').filter(|word| *word == "Geen").count(), 11, "{text}");
    for heading in ["Het verzoek", "Deskundige", "Besluit", "Nietigheid", "Grafieken"] {
        assert_phrase(&text, heading);
    }
    assert_phrase(&text, "Pakhuis Noord B.V.");
}

#[test]
fn null_and_empty_values_show_the_none_label() {
    let mut input = empty_sample();
    input["decision"] = json!({ "outcome": "Geweigerd", "date": null, "reasons": "" });
    input["requests"] = json!([{ "question": "Waarom?", "asked": null, "due": null, "answer": null, "state": "" }]);
    let text = text(&typeset::advice_pdf(&input).unwrap());
    assert_phrase(&text, "Geweigerd");
    assert_phrase(&text, "Waarom?");
    // 11 - decision - requests + date + reasons + asked + due + answer + state.
    assert_eq!(text.split(' ').filter(|word| *word == "Geen").count(), 15, "{text}");
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let mut input = sample();
    let findings: Vec<Value> = input["findings"].as_array().unwrap().iter().cycle().take(40).cloned().collect();
    input["findings"] = json!(findings);
    let pages = pages(&typeset::advice_pdf(&input).unwrap());
    let with_findings: Vec<&String> = pages.iter().filter(|page| page.contains("Meer gegevens dan nodig")).collect();
    assert!(with_findings.len() >= 3, "40 findings should fill pages: {}", with_findings.len());
    for page in with_findings {
        assert_phrase(page, "Ernst Bevindingen Regel Artikel");
    }
}

#[test]
fn the_pdf_is_tagged_pdf_ua_in_the_input_language_and_the_same_every_time() {
    let pdf = typeset::advice_pdf(&sample()).unwrap();
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "{info}");
    assert!(info.contains("Advies van de ondernemingsraad – Pakhuis Noord B.V."), "{info}");
    let xmp = poppler("pdfinfo", &["-meta"], &pdf);
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>nl</rdf:li>"), "{xmp}");
    let english = poppler("pdfinfo", &["-meta"], &typeset::advice_pdf(&english_sample()).unwrap());
    assert!(english.contains("<dc:language><rdf:Bag><rdf:li>en</rdf:li>"), "{english}");
    assert_eq!(pdf, typeset::advice_pdf(&sample()).unwrap());
}

#[test]
fn a_generic_template_reads_its_input() {
    let pdf = typeset::pdf("= #json(\"input.json\").name", &json!({ "name": "Kop" })).unwrap();
    assert_eq!(text(&pdf), "Kop");
}

#[test]
fn a_broken_template_is_an_error_that_names_the_problem() {
    let error = typeset::pdf("= Kop\n#undefined-thing", &json!({})).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("unknown variable: undefined-thing"), "{message}");
    assert!(message.contains("main.typ:2:2"), "{message}");

    let error = typeset::pdf("#let x = (1, 2", &json!({})).unwrap_err().to_string();
    assert!(error.contains("unclosed delimiter"), "{error}");
}

#[test]
fn input_without_a_label_is_an_error_that_names_the_label() {
    let mut input = sample();
    input["labels"].as_object_mut().unwrap().remove("conditions");
    let message = typeset::advice_pdf(&input).unwrap_err().to_string();
    assert!(message.contains(r#"does not contain key "conditions""#), "{message}");
}

#[test]
fn a_broken_chart_is_an_error_not_a_panic() {
    let mut input = sample();
    input["charts"][0]["svg"] = json!("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect");
    let message = typeset::advice_pdf(&input).unwrap_err().to_string();
    assert!(message.contains("SVG"), "{message}");
}

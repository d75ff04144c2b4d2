//! PDF reports through Typst, in process and offline.
//!
//! A template is Typst markup; its data is one JSON value, which the template reads as the virtual
//! file `input.json` (`#let data = json("input.json")`). The only fonts are the bundled DejaVu Sans
//! (regular, bold, oblique, bold oblique) and DejaVu Sans Mono; there is no file system, no package
//! download and no system font scan. Output is tagged PDF (Typst's default); the advice report is
//! also checked against PDF/UA-1 (typst-pdf's validator) and marked as such.
//!
//! Compiling takes tens to hundreds of milliseconds of CPU: async callers should run it in
//! `spawn_blocking`.

use std::fmt;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::Datetime;
use typst::syntax::DiagSpan;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

mod world;

use world::MemoryWorld;

/// The consent dossier's advice report; see `templates/advice.typ` for the input it expects.
pub const ADVICE_TEMPLATE: &str = include_str!("../templates/advice.typ");
/// A worker's notice (issue 11).
pub const NOTICE_TEMPLATE: &str = include_str!("../templates/notice.typ");
/// The yearly transparency report (issue 11).
pub const YEARLY_TEMPLATE: &str = include_str!("../templates/yearly.typ");

/// Why no PDF came out.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be written as JSON (a map with non-string keys, say).
    #[error("the report data is not valid JSON: {0}")]
    Input(#[from] serde_json::Error),
    /// The template has an error, or fails on this input (a missing key, a wrong type).
    #[error("the report template failed:\n{}", list(.0))]
    Template(Vec<Diagnostic>),
    /// The laid-out document could not be written as PDF.
    #[error("the PDF could not be written:\n{}", list(.0))]
    Export(Vec<Diagnostic>),
}

/// One of Typst's messages, with where it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Typst's message, e.g. `dictionary does not contain key "title"`.
    pub message: String,
    /// The position it points to, if it points into the template or the input.
    pub at: Option<Position>,
    /// Typst's hints.
    pub hints: Vec<String>,
    /// The call chain that led here (`while calling …` at a position), innermost first.
    pub trace: Vec<String>,
}

/// A place in the template (`main.typ`) or the input (`input.json`); line and column from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.at {
            write!(f, "{at}: ")?;
        }
        write!(f, "{}", self.message)?;
        for hint in &self.hints {
            write!(f, "\n  hint: {hint}")?;
        }
        for point in &self.trace {
            write!(f, "\n  {point}")?;
        }
        Ok(())
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| format!("  {d}")).collect();
    lines.join("\n")
}

/// A PDF of the consent dossier's advice report from its JSON (shape: see `templates/advice.typ` and
/// `tests/sample.json`), as PDF/UA-1.
pub fn advice_pdf(input: &serde_json::Value) -> Result<Vec<u8>, Error> {
    render(ADVICE_TEMPLATE, input, None, &[PdfStandard::Ua_1]).map(|(pdf, _warnings)| pdf)
}

/// A PDF of a worker's notice from its JSON (`portal::notices::LetterText`), as PDF/UA-1.
pub fn notice_pdf(input: &serde_json::Value) -> Result<Vec<u8>, Error> {
    render(NOTICE_TEMPLATE, input, None, &[PdfStandard::Ua_1]).map(|(pdf, _warnings)| pdf)
}

/// A PDF of the yearly transparency report from its JSON (`{ lang, doc }`), as PDF/UA-1.
pub fn yearly_pdf(input: &serde_json::Value) -> Result<Vec<u8>, Error> {
    render(YEARLY_TEMPLATE, input, None, &[PdfStandard::Ua_1]).map(|(pdf, _warnings)| pdf)
}

/// Generic: compile a Typst template with `input.json` bound to `input`.
///
/// `datetime.today()` is an error in these templates: put dates into the input, so the same input
/// always gives the same PDF.
pub fn pdf(template: &str, input: &serde_json::Value) -> Result<Vec<u8>, Error> {
    render(template, input, None, &[]).map(|(pdf, _warnings)| pdf)
}

/// The PDF, and the warnings Typst gave on the way.
fn render(
    template: &str,
    input: &serde_json::Value,
    today: Option<Datetime>,
    standards: &[PdfStandard],
) -> Result<(Vec<u8>, Vec<Diagnostic>), Error> {
    let world = MemoryWorld::new(template, serde_json::to_vec(input)?, today);
    let Warned { output, warnings } = typst::compile(&world);
    let result = match output {
        Ok(document) => PdfStandards::new(standards)
            .map_err(|error| {
                let hints = error.hints().iter().map(ToString::to_string).collect();
                Error::Export(vec![Diagnostic { message: error.message().to_string(), at: None, hints, trace: vec![] }])
            })
            .and_then(|standards| {
                let options = PdfOptions { standards, ..PdfOptions::default() };
                typst_pdf::pdf(&document, &options).map_err(|errors| Error::Export(diagnostics(&world, &errors)))
            })
            .map(|pdf| (pdf, diagnostics(&world, &warnings))),
        Err(errors) => Err(Error::Template(diagnostics(&world, &errors))),
    };
    // Typst memoises across compilations in a process-wide cache; without this it only grows.
    typst::comemo::evict(0);
    result
}

fn diagnostics(world: &MemoryWorld, list: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    list.iter()
        .map(|diagnostic| Diagnostic {
            message: match diagnostic.severity {
                Severity::Error => diagnostic.message.to_string(),
                Severity::Warning => format!("warning: {}", diagnostic.message),
            },
            at: position(world, diagnostic.span),
            hints: diagnostic.hints.iter().map(|hint| hint.v.to_string()).collect(),
            trace: diagnostic
                .trace
                .iter()
                .map(|point| match position(world, point.span.into()) {
                    Some(at) => format!("{} ({at})", point.v),
                    None => point.v.to_string(),
                })
                .collect(),
        })
        .collect()
}

fn position(world: &MemoryWorld, span: DiagSpan) -> Option<Position> {
    let id = span.id()?;
    let range = world.range(span)?;
    let bytes = world.file(id).ok()?;
    let before = std::str::from_utf8(bytes.as_slice()).ok()?.get(..range.start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some(Position {
        file: id.vpath().get_without_slash().to_owned(),
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(template: &str, today: Option<Datetime>) -> Result<(Vec<u8>, Vec<Diagnostic>), Error> {
        render(template, &serde_json::json!({ "name": "Pakhuis" }), today, &[])
    }

    #[test]
    fn all_bundled_fonts_load() {
        let families: Vec<_> = world::FONTS.1.iter().map(|font| font.info().family.clone()).collect();
        assert_eq!(families, ["DejaVu Sans", "DejaVu Sans", "DejaVu Sans", "DejaVu Sans", "DejaVu Sans Mono"]);
    }

    #[test]
    fn today_is_the_date_passed_in_or_an_error() {
        let template = "#datetime.today().display()";
        assert!(compile(template, Datetime::from_ymd(2026, 12, 4)).is_ok());
        let Err(Error::Template(errors)) = compile(template, None) else {
            panic!("datetime.today() without a date must fail");
        };
        assert_eq!(errors[0].at.as_ref().map(|at| (at.line, at.column)), Some((1, 2)));
    }

    #[test]
    fn a_default_template_uses_the_bundled_sans_without_warnings() {
        let (pdf, warnings) = compile("Hello #json(\"input.json\").name, `code`", None).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(warnings, []);
    }

    #[test]
    fn the_advice_template_compiles_the_sample_without_warnings() {
        let sample = include_str!("../tests/sample.json");
        let input: serde_json::Value = serde_json::from_str(sample).unwrap();
        let (_, warnings) = render(ADVICE_TEMPLATE, &input, None, &[PdfStandard::Ua_1]).unwrap();
        assert_eq!(warnings, []);
    }

    #[test]
    fn packages_and_other_files_are_not_there() {
        for (template, needle) in [
            ("#import \"@preview/cetz:0.3.0\"", "package not found"),
            ("#read(\"/etc/passwd\")", "file not found"),
            ("#image(\"logo.png\")", "file not found"),
        ] {
            let error = compile(template, None).unwrap_err().to_string();
            assert!(error.contains(needle), "{template}: {error}");
        }
    }
}

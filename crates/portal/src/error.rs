//! What can go wrong in a use case. `Refused` and `Invalid` are answers for the person asking
//! (a translation key says what to fix); the rest are faults, logged and never shown.

/// An error of the application layer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input cannot be used; the message names the file, row or flag and what to fix.
    #[error("{0}")]
    BadInput(String),
    #[error(transparent)]
    Input(#[from] formats::InputError),
    /// Not there, or not the reader's: the same answer either way, so existence does not leak.
    #[error("not found")]
    NotFound,
    /// A request that cannot be carried out as given; the key names what to fix.
    #[error("invalid: {0}")]
    Invalid(&'static str),
    /// The request conflicts with what is stored (a name taken, a contest already answered).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Every place for a password hash is taken (a flood of logins): try again in a moment.
    #[error("busy")]
    Busy,
    #[error("database")]
    Store(#[from] store::Error),
    #[error("rulebook")]
    Rules(#[from] rules::RulebookError),
    #[error("audit")]
    Audit(#[from] audit::Error),
    #[error("security")]
    Guard(#[from] guard::Error),
    #[error("template")]
    Template(#[from] askama::Error),
    #[error("file")]
    Io(#[from] std::io::Error),
    #[error("CSV")]
    Csv(#[from] csv::Error),
    #[error("ZIP")]
    Zip(#[from] zip::result::ZipError),
    #[error("JSON")]
    Json(#[from] serde_json::Error),
    #[error("PDF: {0}")]
    Pdf(String),
    #[error("background task")]
    Task(#[from] tokio::task::JoinError),
}

impl Error {
    /// Whether the person who gave the input can fix it (exit status 2 on the command line).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Error::BadInput(_) | Error::Input(_))
    }
}

impl From<csv::IntoInnerError<csv::Writer<Vec<u8>>>> for Error {
    fn from(e: csv::IntoInnerError<csv::Writer<Vec<u8>>>) -> Error {
        Error::Io(std::io::Error::new(e.error().kind(), e.error().to_string()))
    }
}

/// The cause and every source under it, for the log.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

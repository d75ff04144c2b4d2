//! The pure domain model of inzage: the register of monitoring systems and algorithms, the
//! organisation, workers and the decisions made about them.
//!
//! This crate does no IO. Its types are plain data with serde derives; reading and writing files
//! lives in the `formats` crate, storing them in the `store` crate.

mod date;
mod register;
mod vocab;
mod workforce;

pub use date::Date;
pub use register::{
    Assessment, DataCategory, DecisionType, Function, Organisation, REGISTER_FORMAT, Register,
    RegisterError, Shift, System, Target, Transparency, WorksCouncil,
};
pub use vocab::{
    BiometricPurpose, Consent, DataKind, DecisionKind, DpiaStatus, FunctionStatus, LegalBasis,
    Monitoring, Purpose, Status, Subject,
};
pub use workforce::{Decision, Worker};

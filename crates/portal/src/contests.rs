//! Contesting a decision: the worker opens a contest of one of their own decisions, the admin
//! answers in writing (upheld or overturned), every step is kept. The admin's queue and case
//! pages read workers' personal data, so they take a `Reader` and log the read.

use std::collections::BTreeSet;

use locale::Tr;

use crate::worker::{ContestOut, ContestView, MAX_REASON, contest_view};
use crate::{Error, Portal, Reader, Result};

/// The longest written answer to a contest, in characters.
pub const MAX_ANSWER: usize = 5000;

/// The most contests a worker may open in 24 hours (security review L12: the API let a worker
/// flood the admin's queue).
pub const CONTESTS_PER_DAY: i64 = 5;

/// A contest in the admin's queue.
#[derive(Debug)]
pub struct QueueEntry {
    pub contest: ContestView,
    /// The worker's pseudonym.
    pub worker: String,
    pub overdue: bool,
}

/// The admin's queue: open contests, earliest deadline first, then the answered ones.
#[derive(Debug)]
pub struct Queue {
    pub open: Vec<QueueEntry>,
    pub answered: Vec<QueueEntry>,
}

/// One contest as the admin reads it.
#[derive(Debug)]
pub struct ContestCase {
    pub contest: ContestView,
    pub worker: String,
    pub reason: String,
    pub score: String,
    pub answered: bool,
}

impl Portal {
    /// The date a contest opened today must be answered by: one month, two weeks where the
    /// Platform Work Directive applies, or the `--contest-days` setting.
    pub async fn contest_deadline(&self) -> Result<jiff::civil::Date> {
        let today = self.today().await?;
        let platform = self
            .store
            .latest_register_shared()
            .await?
            .is_some_and(|v| v.register.organisation.digital_labour_platform == Some(true));
        Ok(domain::contest::deadline(today, platform, self.contest_days))
    }

    /// Opens a contest of one of the reader's own decisions and returns it (the decision with
    /// its steps), the read logged as `what` first. `Invalid` when the reason is empty or too
    /// long, `NotFound` when the decision is not the reader's.
    pub async fn open_contest(&self, reader: &Reader, decision: i64, reason: &str, what: &str) -> Result<ContestOut> {
        let worker = reader.own_worker().ok_or(Error::NotFound)?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_REASON {
            return Err(Error::Invalid("contest-refused"));
        }
        let deadline = self.contest_deadline().await?;
        let id =
            match self.store.open_contest(worker, &reader.name, decision, deadline, reason, CONTESTS_PER_DAY).await? {
                store::Opened::Opened(id) => id,
                store::Opened::NotTheirs => return Err(Error::Invalid("contest-refused")),
                store::Opened::AlreadyOpen => return Err(Error::Conflict("contest-one-open")),
                store::Opened::TooMany => return Err(Error::Conflict("contest-too-many")),
            };
        tracing::info!("a contest was opened");
        self.log_read(reader, worker, what).await?;
        let contest = self.store.contest(id).await?.ok_or(Error::NotFound)?;
        Ok(ContestOut::of(&contest))
    }

    /// The queue of every contest; each worker in it is logged as read by `reader`.
    pub async fn contest_queue(&self, reader: &Reader, t: &Tr) -> Result<Queue> {
        let today = self.today().await?;
        let all = self.store.contests(None).await?;
        let workers: BTreeSet<&str> = all.iter().map(|c| c.worker.as_str()).collect();
        for worker in workers {
            self.log_read(reader, worker, "queue /contests").await?;
        }
        let entry = |c: &store::Contest| QueueEntry {
            contest: contest_view(t, &ContestOut::of(c)),
            worker: c.worker.clone(),
            // A deadline that does not read as a date is shown, never counted as overdue.
            overdue: c.deadline.parse().is_ok_and(|d| domain::contest::is_overdue(d, c.answered, today)),
        };
        Ok(Queue {
            open: all.iter().filter(|c| !c.answered).map(entry).collect(),
            answered: all.iter().filter(|c| c.answered).map(entry).collect(),
        })
    }

    /// One contest, for the admin to read and answer; the read is logged.
    pub async fn contest_case(&self, reader: &Reader, t: &Tr, id: i64) -> Result<ContestCase> {
        let c = self.store.contest(id).await?.ok_or(Error::NotFound)?;
        self.log_read(reader, &c.worker, &format!("contest /contests/{id}")).await?;
        Ok(ContestCase {
            contest: contest_view(t, &ContestOut::of(&c)),
            worker: c.worker.clone(),
            reason: c.decision.reason.clone().unwrap_or_else(|| t.t("me-no-reason")),
            score: c.decision.score.map(|s| t.num(s, 1)).unwrap_or_default(),
            answered: c.answered,
        })
    }

    /// Answers a contest in writing: `outcome` is `upheld` or `overturned`.
    pub async fn answer_contest(&self, reader: &Reader, id: i64, outcome: &str, text: &str) -> Result<()> {
        let overturned = match outcome {
            "overturned" => true,
            "upheld" => false,
            _ => return Err(Error::Invalid("contest-answer-needed")),
        };
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::Invalid("contest-answer-needed"));
        }
        if text.chars().count() > MAX_ANSWER {
            return Err(Error::Invalid("contest-answer-too-long"));
        }
        if !self.store.answer_contest(id, &reader.name, overturned, text).await? {
            return Err(Error::Conflict("contest-already-answered"));
        }
        tracing::info!("a contest was answered");
        Ok(())
    }
}

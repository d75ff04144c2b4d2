//! The question the group comparison answers: which attributes and pairs, which reference
//! group, which workers (`--population`), and which decision kinds count as one outcome. Each
//! is checked against the files, so a misspelt name is an error that lists the right ones.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, Float64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;

use crate::{Error, Params};

/// The prepared question over the population's workers.
pub(crate) struct Question {
    pub grouping: disclosure::Grouping,
    /// Decision outcomes: name → the kinds counted (every kind on its own when not asked).
    pub outcomes: Option<Vec<(String, Vec<String>)>>,
}

impl Question {
    pub fn new(
        params: &Params,
        workers: &[domain::Worker],
        decisions: Option<&[domain::Decision]>,
    ) -> Result<Question, Error> {
        let all: BTreeSet<&str> =
            workers.iter().flat_map(|w| w.attributes.keys().map(String::as_str)).filter(|a| *a != "under_18").collect();
        let list = |set: &BTreeSet<&str>| set.iter().copied().collect::<Vec<_>>().join(", ");
        if let Some(wanted) = &params.attributes {
            for a in wanted {
                if !all.contains(a.as_str()) {
                    return Err(Error::Parameter(format!(
                        "--attributes: `{a}` is not a column of the workers file; its attributes are {}",
                        list(&all)
                    )));
                }
            }
        }
        let filtered: Vec<BTreeMap<String, String>> = workers
            .iter()
            .map(|w| {
                w.attributes
                    .iter()
                    .filter(|(k, _)| params.attributes.as_ref().is_none_or(|l| l.contains(k)) || *k == "under_18")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .collect();
        let grouping = disclosure::Grouping::of(&filtered.iter().collect::<Vec<_>>());
        if let crate::Pairs::Only(pairs) = &params.pairs {
            for (a, b) in pairs {
                for x in [a, b] {
                    if !grouping.used.contains(x) {
                        return Err(Error::Parameter(format!(
                            "--pairs {a}+{b}: `{x}` is not an attribute compared; they are {}",
                            grouping.used.join(", ")
                        )));
                    }
                }
            }
        }
        for (attribute, value) in &params.reference {
            let Some(i) = grouping.used.iter().position(|u| u == attribute) else {
                return Err(Error::Parameter(format!(
                    "--reference {attribute}={value}: `{attribute}` is not an attribute compared; they are {}",
                    grouping.used.join(", ")
                )));
            };
            let values: BTreeSet<&str> =
                grouping.rows.iter().map(|r| r[i].as_str()).filter(|v| !v.is_empty()).collect();
            if !values.contains(value.as_str()) {
                return Err(Error::Parameter(format!(
                    "--reference {attribute}={value}: no group `{value}`; the groups of {attribute} are {}",
                    list(&values)
                )));
            }
        }
        let outcomes = if params.outcomes.is_empty() {
            None
        } else {
            let kinds: BTreeSet<&str> = decisions.unwrap_or_default().iter().map(|d| d.decision.as_str()).collect();
            if decisions.is_none() {
                return Err(Error::Parameter("--outcome groups decision kinds: give a decisions file too".into()));
            }
            let mut names = BTreeSet::new();
            for (name, members) in &params.outcomes {
                if !names.insert(name.as_str()) {
                    return Err(Error::Parameter(format!("--outcome {name}: the name is given twice")));
                }
                for m in members {
                    if !kinds.contains(m.as_str()) {
                        return Err(Error::Parameter(format!(
                            "--outcome {name}={}: no decision `{m}`; the decisions are {}",
                            members.join(","),
                            list(&kinds)
                        )));
                    }
                }
            }
            Some(params.outcomes.clone())
        };
        Ok(Question { grouping, outcomes })
    }

    /// The grouping the measures are compared by, over `workers` (the population), hiding at
    /// least what the population's own table hides.
    pub fn measure_groups<'a>(
        &'a self,
        workers: &'a [domain::Worker],
        reference: &'a [(String, String)],
        min_group: u64,
    ) -> crate::measures::Groups<'a> {
        let population = disclosure::workforce(self.grouping.used.len(), &self.grouping.rows, min_group);
        crate::measures::Groups {
            hidden: population.iter().map(|t| t.named.iter().map(|k| k[0].clone()).collect()).collect(),
            index: workers.iter().enumerate().map(|(i, w)| (w.id.as_str(), i)).collect(),
            attributes: &self.grouping.used,
            rows: &self.grouping.rows,
            reference,
        }
    }
}

/// The workers for whom `expr` (an SQL expression over the workers file's columns) holds. A
/// column whose every value is a number is a number (`age > 30`), else text.
pub(crate) async fn population(workers: &[domain::Worker], expr: &str) -> Result<BTreeSet<String>, Error> {
    let names: BTreeSet<&str> = workers.iter().flat_map(|w| w.attributes.keys().map(String::as_str)).collect();
    let mut fields = vec![Field::new("worker", DataType::Utf8, false)];
    let mut columns: Vec<ArrayRef> =
        vec![Arc::new(StringArray::from_iter_values(workers.iter().map(|w| w.id.as_str())))];
    for name in &names {
        let values: Vec<&str> = workers.iter().map(|w| w.attributes.get(*name).map_or("", |v| v.trim())).collect();
        let numbers: Option<Vec<Option<f64>>> =
            values.iter().map(|v| if v.is_empty() { Some(None) } else { v.parse::<f64>().ok().map(Some) }).collect();
        match numbers {
            Some(numbers) => {
                fields.push(Field::new(*name, DataType::Float64, true));
                columns.push(Arc::new(Float64Array::from(numbers)));
            }
            None => {
                fields.push(Field::new(*name, DataType::Utf8, true));
                columns.push(Arc::new(StringArray::from(
                    values.iter().map(|v| (!v.is_empty()).then_some(*v)).collect::<Vec<_>>(),
                )));
            }
        }
    }
    let schema = Arc::new(Schema::new(fields));
    let bad = |e: datafusion::error::DataFusionError| {
        Error::Parameter(format!(
            "--population `{expr}`: {e}; write an SQL condition over the workers file's columns ({})",
            names.iter().copied().collect::<Vec<_>>().join(", ")
        ))
    };
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| bad(e.into()))?;
    let ctx = crate::session();
    let table = MemTable::try_new(schema, vec![vec![batch]]).map_err(bad)?;
    ctx.register_table("workers", Arc::new(table)).map_err(bad)?;
    let df = ctx
        .sql_with_options(&format!("SELECT worker FROM workers WHERE {expr}"), crate::session::read_only())
        .await
        .map_err(bad)?;
    let batches = df.collect().await.map_err(bad)?;
    let mut keep = BTreeSet::new();
    for b in &batches {
        let ids = b.column(0).as_string::<i32>();
        keep.extend(ids.iter().flatten().map(str::to_owned));
    }
    if keep.is_empty() {
        return Err(Error::Parameter(format!("--population `{expr}`: no worker of the workers file is in it")));
    }
    Ok(keep)
}

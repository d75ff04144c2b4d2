//! `inzage migrate`: an organisation's tables copied from the SQLite file in its data folder to
//! a PostgreSQL schema of its own, checked on arrival (`store::migrate`).

use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;

use super::{BadInput, organisation_folder};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The data folder whose SQLite file is copied (with --organisation in a folder of many).
    #[arg(long, value_name = "DATA_DIR")]
    from: PathBuf,
    /// The organisation, in a data folder of many (default: the only one there is).
    #[arg(long)]
    organisation: Option<String>,
    /// The PostgreSQL database: postgres://USER@HOST:PORT/DATABASE.
    #[arg(long, value_name = "URL")]
    to: String,
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let url = match store::Database::from_option(Some(&args.to)) {
        Ok(store::Database::Postgres(url)) => url,
        _ => return Err(BadInput(t.t("cli-migrate-bad-to")).into()),
    };
    let dir = organisation_folder(t, &args.from, args.organisation.as_deref(), false)?;
    let migrated = store::migrate::to_postgres(&dir, &url).await.map_err(|e| match e {
        store::Error::WrongDatabase(message) => anyhow::Error::from(BadInput(
            t.tn("cli-migrate-refused", &[("dir", dir.display().to_string()), ("message", message)]),
        )),
        other => anyhow::Error::from(other),
    })?;
    for (table, rows) in &migrated.tables {
        println!("{}", t.ta("cli-migrate-table", &[("table", table.clone()), ("rows", rows.to_string())]));
    }
    let shown = store::Database::Postgres(url).shown();
    println!(
        "{}",
        t.ta(
            "cli-migrate-done",
            &[
                ("dir", dir.display().to_string()),
                ("schema", migrated.schema.clone()),
                ("database", shown),
                ("entries", migrated.head.count.to_string()),
            ]
        )
    );
    println!("{}", migrated.head);
    Ok(ExitCode::SUCCESS)
}

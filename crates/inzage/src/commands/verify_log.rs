//! `inzage verify-log`: the access log's hash chain, checked.

use std::process::ExitCode;

use locale::Tr;

use super::{DataDir, open_store};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let store = open_store(t, &args.data.data_dir).await?;
    match store.verify_access_log().await? {
        Ok(n) => {
            println!("{}", t.tn("cli-log-whole", &[("entries", n.to_string())]));
            Ok(ExitCode::SUCCESS)
        }
        Err(b) => {
            println!("{}", t.tn("cli-log-broken", &[("entry", b.id.to_string()), ("reason", b.reason.to_string())]));
            Ok(ExitCode::FAILURE)
        }
    }
}

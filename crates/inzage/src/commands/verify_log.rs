//! `inzage verify-log`: the access log's chain checked, with its key, and against a head noted
//! down earlier (`--expect COUNT:HASH`). The last line printed is the head, `COUNT:HASH`.

use std::process::ExitCode;

use locale::Tr;

use super::{BadInput, DataDir, open_store};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    /// A head noted down earlier (`COUNT:HASH`, as printed on the last line): check that nothing
    /// before it changed and nothing was cut from the end.
    #[arg(long, value_name = "COUNT:HASH")]
    expect: Option<String>,
}

pub async fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let expect = match &args.expect {
        Some(text) => Some(
            text.parse::<store::Head>()
                .map_err(|()| BadInput(t.tn("cli-log-bad-expect", &[("text", text.clone())])))?,
        ),
        None => None,
    };
    let store = open_store(t, &args.data.folder(t, false)?).await?;
    match store.verify_access_log(expect.as_ref()).await? {
        Ok(v) => {
            println!("{}", t.ta("cli-log-whole", &[("entries", v.head.count.to_string())]));
            if v.unkeyed > 0 {
                println!("{}", t.tn("cli-log-unkeyed", &[("entries", v.unkeyed.to_string())]));
            }
            if let Some(e) = &expect {
                println!("{}", t.tn("cli-log-expected", &[("head", e.to_string())]));
            }
            println!("{}", v.head);
            Ok(ExitCode::SUCCESS)
        }
        Err(b) => {
            let reason = t.t(&format!("cli-{}", b.reason));
            println!("{}", t.tn("cli-log-broken", &[("entry", b.id.to_string()), ("reason", reason)]));
            Ok(ExitCode::FAILURE)
        }
    }
}

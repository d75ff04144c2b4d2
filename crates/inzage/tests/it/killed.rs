//! The access log under load when the server is killed (issue 15): entries are committed in
//! groups, and a request is answered only after its entry is durable, so a `kill -9` in the
//! middle of a load leaves a whole chain with an entry for every answer that was sent.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use super::{inzage, start_demo, stderr};

/// One API read of the worker's own data; true when it was answered 200.
fn read_own_data(addr: &str, token: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(addr) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "GET /api/v1/me/data HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    response.starts_with(b"HTTP/1.1 200")
}

#[tokio::test]
async fn a_server_killed_under_load_leaves_a_whole_chain_with_an_entry_for_every_answer() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let (mut child, addr) = start_demo(data.path(), &[]);
    let token = inzage(&["token", "create", "--data-dir", dir, "--user", "werker-W0001"]);
    assert!(token.status.success(), "{}", stderr(&token));
    let token = String::from_utf8(token.stdout).unwrap().trim().to_owned();
    assert!(read_own_data(&addr, &token), "the API answers before the load");

    let answered = Arc::new(AtomicU64::new(0));
    let running = Arc::new(AtomicBool::new(true));
    let clients: Vec<_> = (0..16)
        .map(|_| {
            let (addr, token, answered, running) = (addr.clone(), token.clone(), answered.clone(), running.clone());
            std::thread::spawn(move || {
                while running.load(Ordering::Relaxed) {
                    if read_own_data(&addr, &token) {
                        answered.fetch_add(1, Ordering::SeqCst);
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    // SIGKILL: no shutdown, no flush, in the middle of requests.
    child.kill().unwrap();
    child.wait().unwrap();
    running.store(false, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    let answered = answered.load(Ordering::SeqCst) + 1;
    assert!(answered > 20, "only {answered} requests were answered before the kill");

    let verified = inzage(&["verify-log", "--data-dir", dir]);
    assert!(verified.status.success(), "{}{}", stderr(&verified), String::from_utf8_lossy(&verified.stdout));
    let store = store::Store::open(data.path()).await.unwrap();
    let pseudonym =
        store.accounts().await.unwrap().into_iter().find(|a| a.name == "werker-W0001").unwrap().worker.unwrap();
    let entries = store.access_log(&pseudonym, None).await.unwrap();
    let logged = entries.iter().filter(|a| a.what == "api /api/v1/me/data").count() as u64;
    // Every answer sent has its entry; a request whose entry was written when the kill came
    // may have had no answer, so there can be more entries than answers, never fewer.
    assert!(logged >= answered, "{answered} answers, {logged} entries");
}

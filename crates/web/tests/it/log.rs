//! What the code logs, captured per test.
//!
//! One subscriber for the whole test binary, installed once and always at TRACE, writes each
//! line to the sink of the thread that logged it. A scoped subscriber per test (`set_default`)
//! lost lines now and then: tracing caches per call site whether anyone listens, and a call
//! site first reached by a test without a subscriber, while another test was installing one,
//! stayed silent for good (the refused login of a CI run in December 2026).

use std::cell::RefCell;
use std::sync::{Arc, Mutex, Once};

/// Collects what the code logs on one test's thread.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<Vec<u8>>>);

thread_local! {
    static SINK: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

/// Writes to this thread's sink, or nowhere.
struct ThreadSink;

impl std::io::Write for ThreadSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        SINK.with(|sink| {
            if let Some(captured) = sink.borrow().as_ref() {
                captured.0.lock().unwrap().extend_from_slice(buf);
            }
        });
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Stops capturing on this thread when dropped.
pub struct Capturing;

impl Drop for Capturing {
    fn drop(&mut self) {
        SINK.with(|sink| sink.borrow_mut().take());
    }
}

/// Captures what the code logs on this thread (a `#[tokio::test]` runs its requests on its
/// own thread) until the guard is dropped.
pub fn capture() -> (Captured, Capturing) {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(|| ThreadSink)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other subscriber in the test binary");
    });
    let captured = Captured::default();
    SINK.with(|sink| *sink.borrow_mut() = Some(captured.clone()));
    (captured, Capturing)
}

//! Running many cases at once, and the tables a run prints.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How many cases run at once: each is mostly waiting on a handshake, so
/// a few more than the machine's two cores.
pub const AT_ONCE: usize = 6;

/// `judge(item)` for every item, [`AT_ONCE`] at a time, in the items' order.
pub fn in_parallel<T: Sync, R: Send>(items: &[T], judge: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..AT_ONCE.min(items.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(item) = items.get(i) else { break };
                let r = judge(item);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every case was judged"))
        .collect()
}

/// A Markdown table: `header` and `rows`, `|` inside cells escaped.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("| {} |\n", header.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

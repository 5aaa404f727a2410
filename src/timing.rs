//! Stage timings for `BANHANH_TIMINGS=1`: how long each stage took and how much memory it held.

use std::time::Instant;

/// Prints (to standard error) the time since `t` and the memory held, when `BANHANH_TIMINGS` is set.
pub fn timing(stage: &str, t: Instant) {
    if std::env::var_os("BANHANH_TIMINGS").is_none() {
        return;
    }
    // Resident and peak memory so far (Linux), to see which stage holds what.
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mib = |key: &str| {
        let kib = status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok());
        kib.unwrap_or(0) / 1024
    };
    let secs = t.elapsed().as_secs_f64();
    eprintln!("{stage}: {secs:.3} s, rss {} MiB, peak {} MiB", mib("VmRSS:"), mib("VmHWM:"));
}

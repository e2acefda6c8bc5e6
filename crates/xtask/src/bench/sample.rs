//! A benchmark's timings: their median, spread and how they read.

/// Times in seconds, with their median and spread.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sample(pub(crate) Vec<f64>);

impl Sample {
    pub(crate) fn median(&self) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    pub(crate) fn min(&self) -> f64 {
        self.0.iter().copied().fold(f64::INFINITY, f64::min)
    }

    pub(crate) fn max(&self) -> f64 {
        self.0.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }

    /// "0.123 s (0.110 to 0.140, n=7)"
    pub(crate) fn show(&self) -> String {
        format!(
            "{} ({} to {}, n={})",
            secs(self.median()),
            secs(self.min()),
            secs(self.max()),
            self.0.len()
        )
    }
}

pub(crate) fn secs(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

/// How a goal reads in the tables: "met" or "NOT met".
pub(crate) fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

/// `a` as a multiple of `b`, as the tables write ratios.
pub(crate) fn ratio(a: f64, b: f64) -> String {
    format!("{:.3}x", a / b)
}

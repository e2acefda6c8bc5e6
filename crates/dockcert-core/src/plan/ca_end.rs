//! From an existing CA, the server and client certificates end no later
//! than the CA: a default validity is shortened to end with it (and the
//! plan says so, for README.txt and the summary); a `--days` that would
//! outlive it is refused, with every other problem, before any key is made.

use super::error::{Field, FieldError, InputProblem};
use super::request::CaLifetime;
use crate::pki::{self, Validity};

/// What fitting `days` to a CA gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fitted {
    /// The validity to use.
    pub(crate) days: u32,
    /// The CA's end date (`2027-11-23`) when a default validity was
    /// shortened to end with it.
    pub(crate) shortened_to: Option<String>,
}

/// `days` (`given` by the user, or the default) for leaves signed by a CA
/// that lives as `ca` says.
pub(crate) fn fit_to_ca(days: u32, given: bool, ca: CaLifetime) -> Result<Fitted, FieldError> {
    if Validity::starting(ca.now, days).not_after <= ca.ends {
        return Ok(Fitted {
            days,
            shortened_to: None,
        });
    }
    let left = (ca.ends - ca.now).whole_days().max(0);
    match u32::try_from(left) {
        Ok(fits) if !given && fits >= 1 => Ok(Fitted {
            days: fits,
            shortened_to: Some(pki::day(ca.ends)),
        }),
        _ => Err(FieldError::new(
            Field::Days,
            &days.to_string(),
            InputProblem::OutliveCa {
                expires: pki::day(ca.ends),
                left,
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use super::*;
    use crate::pki::tests_support::now;

    fn ending_in(days: i64) -> CaLifetime {
        CaLifetime {
            ends: now() + Duration::days(days) + Duration::hours(3),
            now: now(),
        }
    }

    #[test]
    fn days_that_fit_are_kept() {
        assert_eq!(
            fit_to_ca(365, true, ending_in(400)),
            Ok(Fitted {
                days: 365,
                shortened_to: None
            })
        );
        assert_eq!(
            fit_to_ca(100, false, ending_in(100)).map(|f| f.days),
            Ok(100)
        );
    }

    #[test]
    fn a_default_is_shortened_to_end_with_the_ca() {
        let ca = ending_in(100);
        assert_eq!(
            fit_to_ca(365, false, ca),
            Ok(Fitted {
                days: 100,
                shortened_to: Some(pki::day(ca.ends)),
            })
        );
    }

    #[test]
    fn given_days_that_outlive_the_ca_are_refused_as_days() {
        let ca = ending_in(100);
        let e = fit_to_ca(3650, true, ca).unwrap_err();
        assert_eq!(e.field, Field::Days);
        assert_eq!(e.value.as_deref(), Some("3650"));
        assert_eq!(
            e.problem,
            InputProblem::OutliveCa {
                expires: pki::day(ca.ends),
                left: 100
            }
        );
    }

    #[test]
    fn a_ca_with_less_than_a_day_left_takes_no_default() {
        let ca = CaLifetime {
            ends: now() + Duration::hours(20),
            now: now(),
        };
        let e = fit_to_ca(365, false, ca).unwrap_err();
        assert!(matches!(e.problem, InputProblem::OutliveCa { left: 0, .. }));
    }
}

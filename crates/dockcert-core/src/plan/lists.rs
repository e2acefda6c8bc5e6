//! The lists of problems a plan or a fleet file can have, read as lists:
//! iterated, counted, taken apart. Their vectors are the core's own, so a
//! face never reaches into one by `.0`.

use std::{slice, vec};

use super::error::{FieldError, PlanErrors};
use super::fleet::{FleetErrors, FleetProblem};

/// `iter`, `len`, `is_empty` and `IntoIterator` (by reference and by value)
/// for a list of problems that wraps a vector.
macro_rules! problem_list {
    ($list:ty, $item:ty) => {
        impl $list {
            /// Every problem, in the order found.
            pub fn iter(&self) -> slice::Iter<'_, $item> {
                self.0.iter()
            }

            /// How many problems there are.
            pub fn len(&self) -> usize {
                self.0.len()
            }

            /// Whether there is none.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl<'a> IntoIterator for &'a $list {
            type Item = &'a $item;
            type IntoIter = slice::Iter<'a, $item>;

            fn into_iter(self) -> Self::IntoIter {
                self.0.iter()
            }
        }

        impl IntoIterator for $list {
            type Item = $item;
            type IntoIter = vec::IntoIter<$item>;

            fn into_iter(self) -> Self::IntoIter {
                self.0.into_iter()
            }
        }
    };
}

problem_list!(PlanErrors, FieldError);
problem_list!(FleetErrors, FleetProblem);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Field, InputProblem};

    #[test]
    fn a_plan_s_problems_are_read_in_order_by_reference_and_by_value() {
        let first = FieldError::missing(Field::Server, InputProblem::NeedServer);
        let second = FieldError::new(Field::Days, "0", InputProblem::Days { max: 3650 });
        let errors = PlanErrors(vec![first.clone(), second.clone()]);
        assert_eq!(errors.len(), 2);
        assert!(!errors.is_empty());
        assert_eq!(errors.iter().collect::<Vec<_>>(), [&first, &second]);
        assert_eq!((&errors).into_iter().count(), 2);
        assert_eq!(errors.into_iter().collect::<Vec<_>>(), [first, second]);
        assert!(PlanErrors(Vec::new()).is_empty());
    }
}

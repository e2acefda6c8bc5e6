//! Who is speaking, for the messages that name an input: the CLI names it
//! by its flag (`--days "5000": ...`), the page by its field's label
//! (`Validity (days) of host and client certificates "5000": ...`), and
//! each says what is true where it speaks ("nothing was written" on a
//! disk, "no bundle was made" on a page).

/// The face a message is worded for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speaker {
    /// `dockcert`: inputs are flags, bundles are written to disk.
    #[default]
    Cli,
    /// The page: inputs are labelled fields, bundles are downloads.
    Page,
}

//! The settings every command that makes certificates shares, as flags
//! made from the core's table of the plan's inputs: each flag's name, value
//! name, help and whether it repeats come from its row (`Field::setting`),
//! and what was typed goes into the plan request by its field.

use clap::{Arg, ArgAction, ArgGroup, ArgMatches, Args, Command, FromArgMatches};
use dockcert_core::plan::{Field, PlanRequest};

/// The settings `new`, `issue` and `renew` share, in the table's order,
/// which is `--help`'s.
fn shared() -> impl Iterator<Item = Field> {
    Field::ALL.iter().copied().filter(|f| f.setting().shared)
}

/// Settings shared by every command that makes certificates, as typed.
#[derive(Clone, Debug, Default)]
pub(crate) struct SettingArgs {
    typed: PlanRequest,
}

impl SettingArgs {
    /// The plan request these settings describe, without hosts or clients.
    pub(crate) fn request(&self) -> PlanRequest {
        self.typed.clone()
    }
}

/// The flag for `field`, as its row of the table describes it.
pub(super) fn flag(field: Field) -> Arg {
    let row = field.setting();
    let arg = Arg::new(row.flag)
        .long(row.flag)
        .value_name(row.value_name)
        .help(field.help())
        .required(false)
        .value_parser(clap::value_parser!(String))
        .allow_hyphen_values(row.hyphen_values);
    match row.list {
        true => arg.action(ArgAction::Append).value_delimiter(','),
        false => arg.action(ArgAction::Set),
    }
}

/// What was typed for `field`'s flag, into `request`.
pub(super) fn read(matches: &ArgMatches, field: Field, request: &mut PlanRequest) {
    let values: Vec<String> = matches
        .get_many::<String>(field.setting().flag)
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    if !values.is_empty() {
        request.set(field, values);
    }
}

impl FromArgMatches for SettingArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut args = SettingArgs::default();
        args.update_from_arg_matches(matches)?;
        Ok(args)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        for field in shared() {
            read(matches, field, &mut self.typed);
        }
        Ok(())
    }
}

impl Args for SettingArgs {
    fn group_id() -> Option<clap::Id> {
        Some(clap::Id::from("SettingArgs"))
    }

    fn augment_args(cmd: Command) -> Command {
        let cmd = shared().fold(cmd, |cmd, field| cmd.arg(flag(field)));
        cmd.group(
            ArgGroup::new("SettingArgs")
                .multiple(true)
                .args(shared().map(|f| f.setting().flag)),
        )
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

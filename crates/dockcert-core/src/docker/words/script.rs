//! The messages install.sh says ([`ScriptMessage`]): the host's and the
//! client's, `safe-write.sh`, `merge-daemon-json.awk`, the expiry check and
//! the Ansible playbook; each stands in the templates as its placeholder.
//! Only what they are lives here; their words (`script_text`,
//! `script_messages`) are chosen in the parent module, beside the other
//! files' [`super::Words`], so `en.rs` and `zh.rs`, which name these
//! messages, are used by no sibling (xtask's import-circle check).

/// A message install.sh (the host's or the client's, `safe-write.sh` and
/// `merge-daemon-json.awk` included) or the Ansible playbook says, as shell,
/// awk or Jinja text: its facts are the script's own variables
/// (`$DAEMON_JSON`, `$2`), expanded when it runs. Each stands in the
/// templates as `@say:Name@`, inside a double-quoted shell string, or an awk
/// string for the `Awk` ones (`OwnerNote` inside single quotes, the `Help`
/// ones as the scripts' opening comments, the `Ansible` ones in the
/// playbook's YAML strings, with Jinja's `{{ }}`); the Chinese brace each
/// variable (`${key}`): a shell may read UTF-8 after `$key` as its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum ScriptMessage {
    /// The host's install.sh's opening comment, which `--help` prints (each line
    /// after the first begins with `# `).
    HostHelp,
    /// --root given without a folder.
    RootNeedsFolder,
    /// An option the host's install.sh does not take ($1).
    UnknownHostOption,
    /// --textfile-dir given without a folder.
    TextfileNeedsFolder,
    /// --textfile-dir ($TEXTFILE_DIR) not an absolute path of letters, digits and /._-.
    TextfileBadName,
    /// The host's install.sh run by someone other than root ($0).
    NeedsRoot,
    /// A tab or line break in --root.
    RootHasTabOrLineBreak,
    /// dockerd is not /usr/bin/dockerd ($DOCKERD).
    DockerdElsewhere,
    /// --live-restore, and the bundle's daemon.json is not as dockcert wrote it.
    LiveRestoreCannotAdd,
    /// awk itself failed on daemon.json ($DAEMON_JSON, awk's own message).
    AwkFailed,
    /// The closing line of every refusal.
    NothingInstalled,
    /// daemon.json ($DAEMON_JSON) is not a JSON object; $key is the merge's reason.
    NotAnObject,
    /// --force takes dockcert's value of $key over the host's $theirs.
    ReplacingSetting,
    /// The host sets $key to $theirs, dockcert to $ours.
    SettingConflict,
    /// daemon.json is a symbolic link.
    DaemonJsonIsLink,
    /// dockcert's settings added to daemon.json ($added: each quoted, after a space).
    SettingsAdded,
    /// Another drop-in ($other) sets ExecStart too.
    OtherExecStart,
    /// The host's install is done; restart dockerd (@LISTEN@: where it listens).
    HostDone,
    /// The same with --live-restore: reload dockerd, check `docker info`
    /// says live-restore is on, then restart it (@LISTEN@ as above).
    HostDoneLiveRestore,
    /// How to start dockerd without systemd.
    WithoutSystemd,
    /// dockerd-flags.txt as the other way.
    FlagsInstead,
    /// The host's install.sh put the expiry check in place (--expiry-check); how to start its timer follows.
    CheckInstalled,
    /// Without systemd, the cron line runs the check instead.
    CheckCronInstead,
    /// dockcert-expiry-check's opening comment, which `--help` prints.
    CheckHelp,
    /// An option of the check ($1) given without a folder.
    CheckNeedsFolder,
    /// An option the check does not take ($1).
    UnknownCheckOption,
    /// The check's data file ($path) is missing.
    CheckNoData,
    /// An installed certificate ($path: the $role certificate $name) is missing.
    CheckMissing,
    /// A certificate file ($path, $role, $name) was replaced and there is no openssl to read it.
    CheckCannotTell,
    /// A replaced certificate file ($path, $role, $name) that openssl cannot read.
    CheckUnreadable,
    /// A line ($line) of the check's data file ($path) not as install.sh wrote it.
    CheckBadLine,
    /// A certificate ($role, $name, $serial, $path) ended 1 day ago.
    CheckEndedOneDay,
    /// A certificate ($role, $name, $serial, $path) ended $days days ago.
    CheckEnded,
    /// A certificate ($role, $name, $serial, $path) ends within a day.
    CheckEndsToday,
    /// A certificate ($role, $name, $serial, $path) ends in 1 day.
    CheckEndsInOneDay,
    /// A certificate ($role, $name, $serial, $path) ends in $days days.
    CheckEndsSoon,
    /// The metric file ($out) could not be written.
    CheckTextfileFailed,
    /// The check's systemd service's Description.
    CheckServiceDescription,
    /// The check's systemd timer's Description.
    CheckTimerDescription,
    /// The cron line's opening comment.
    CheckCronComment,
    /// The client's install.sh's opening comment, which `--help` prints.
    ClientHelp,
    /// --dir given without a folder.
    DirNeedsFolder,
    /// An option the client's install.sh does not take ($1).
    UnknownClientOption,
    /// The client's install.sh run as root ($DIR: where the files go).
    ClientAsRoot,
    /// A tab or line break in --dir.
    DirHasTabOrLineBreak,
    /// The client's install is done (@FIRST_HOST@: the bundle's first host).
    ClientDone,
    /// The docker contexts as the other way.
    OrContexts,
    /// A folder ($cf_path) the check cannot enter.
    CannotEnter,
    /// Something not a folder ($cf_path) where one goes.
    NotAFolder,
    /// A folder ($cc_path) group or others may write to.
    FolderWritable,
    /// A folder ($cc_path) that belongs to another user ($OWNER_NOTE: who else may own it).
    FolderOwner,
    /// A symbolic link to a folder ($2) where a file goes.
    LinkToFolder,
    /// --force replaces a symbolic link ($2) itself.
    ReplacingLink,
    /// A symbolic link ($2) where a file goes, without --force.
    LinkConflict,
    /// Something not a file ($2) where a file goes.
    NotAFile,
    /// --force replaces a file ($2) that differs.
    ReplacingFile,
    /// A file ($2) that differs, without --force.
    FileDiffers,
    /// A renewal replaces the certificate it renews ($RENEWED) and its key.
    ReplacingRenewed,
    /// A file of the bundle ($src) is missing.
    MissingHere,
    /// A folder made ($2: its mode, $1: its path).
    Created,
    /// A file already in place ($mode, $dest).
    Unchanged,
    /// The old file kept by a hard link ($backup).
    KeptOld,
    /// A file put in place ($mode, $dest).
    Installed,
    /// Who else a client's folders may belong to, after "root" (in single quotes).
    OwnerNote,
    /// daemon.json is empty.
    AwkEmpty,
    /// awk cannot read the bundle's daemon.json (its path follows).
    AwkCannotRead,
    /// daemon.json sets one of dockcert's settings twice: before its name.
    AwkTwiceBefore,
    /// ... between its name and how many times.
    AwkTwiceCount,
    /// ... after how many times.
    AwkTwiceAfter,
    /// Where in the host's daemon.json: before the line number.
    AwkHostLine,
    /// Where in the bundle's daemon.json: before the line number.
    AwkBundleLine,
    /// ... after the line number, before what is wrong.
    AwkLineEnd,
    /// Not an object.
    AwkExpectedObject,
    /// No name where one goes.
    AwkExpectedName,
    /// No colon after a name.
    AwkExpectedColon,
    /// No comma or brace after a value.
    AwkExpectedComma,
    /// Text after the object.
    AwkTrailing,
    /// Nested too deep.
    AwkTooDeep,
    /// No value where one goes.
    AwkExpectedValue,
    /// A string not closed.
    AwkUnclosed,
    /// A `\u` escape without four hex digits.
    AwkBadUnicode,
    /// An unknown escape: before it.
    AwkUnknownEscape,
    /// ... after it.
    AwkUnknownEscapeEnd,
    /// A string not closed on its line.
    AwkUnclosedLine,
    /// A control character in a string.
    AwkControl,
    /// The playbook refuses a daemon.json that is not a JSON object.
    AnsibleNotAnObject,
    /// The playbook refuses a daemon.json that sets one of dockcert's settings twice.
    AnsibleTwice,
    /// The playbook refuses a setting the host sets otherwise (`name`).
    AnsibleConflict,
    /// The close of the playbook's refusal.
    AnsibleNothingInstalled,
    /// A symbolic link to a folder in a file's place (after its path).
    AnsibleLinkToFolder,
    /// A symbolic link in a file's place, without force (after its path).
    AnsibleLinkConflict,
    /// Something not a file in a file's place (after its path).
    AnsibleNotAFile,
    /// A file that differs, without force (after its path).
    AnsibleFileDiffers,
    /// The playbook refuses a dockcert_textfile_dir install.sh --textfile-dir would refuse.
    AnsibleTextfileBadName,
    /// A renewal's playbook replaces the certificate it renews and its key.
    AnsibleReplacingRenewed,
}

impl ScriptMessage {
    /// Every message, in the order of the templates.
    pub(crate) const ALL: [ScriptMessage; 95] = [
        ScriptMessage::HostHelp,
        ScriptMessage::RootNeedsFolder,
        ScriptMessage::UnknownHostOption,
        ScriptMessage::TextfileNeedsFolder,
        ScriptMessage::TextfileBadName,
        ScriptMessage::NeedsRoot,
        ScriptMessage::RootHasTabOrLineBreak,
        ScriptMessage::DockerdElsewhere,
        ScriptMessage::LiveRestoreCannotAdd,
        ScriptMessage::AwkFailed,
        ScriptMessage::NothingInstalled,
        ScriptMessage::NotAnObject,
        ScriptMessage::ReplacingSetting,
        ScriptMessage::SettingConflict,
        ScriptMessage::DaemonJsonIsLink,
        ScriptMessage::SettingsAdded,
        ScriptMessage::OtherExecStart,
        ScriptMessage::HostDone,
        ScriptMessage::HostDoneLiveRestore,
        ScriptMessage::WithoutSystemd,
        ScriptMessage::FlagsInstead,
        ScriptMessage::CheckInstalled,
        ScriptMessage::CheckCronInstead,
        ScriptMessage::CheckHelp,
        ScriptMessage::CheckNeedsFolder,
        ScriptMessage::UnknownCheckOption,
        ScriptMessage::CheckNoData,
        ScriptMessage::CheckMissing,
        ScriptMessage::CheckCannotTell,
        ScriptMessage::CheckUnreadable,
        ScriptMessage::CheckBadLine,
        ScriptMessage::CheckEndedOneDay,
        ScriptMessage::CheckEnded,
        ScriptMessage::CheckEndsToday,
        ScriptMessage::CheckEndsInOneDay,
        ScriptMessage::CheckEndsSoon,
        ScriptMessage::CheckTextfileFailed,
        ScriptMessage::CheckServiceDescription,
        ScriptMessage::CheckTimerDescription,
        ScriptMessage::CheckCronComment,
        ScriptMessage::ClientHelp,
        ScriptMessage::DirNeedsFolder,
        ScriptMessage::UnknownClientOption,
        ScriptMessage::ClientAsRoot,
        ScriptMessage::DirHasTabOrLineBreak,
        ScriptMessage::ClientDone,
        ScriptMessage::OrContexts,
        ScriptMessage::CannotEnter,
        ScriptMessage::NotAFolder,
        ScriptMessage::FolderWritable,
        ScriptMessage::FolderOwner,
        ScriptMessage::LinkToFolder,
        ScriptMessage::ReplacingLink,
        ScriptMessage::LinkConflict,
        ScriptMessage::NotAFile,
        ScriptMessage::ReplacingFile,
        ScriptMessage::FileDiffers,
        ScriptMessage::ReplacingRenewed,
        ScriptMessage::MissingHere,
        ScriptMessage::Created,
        ScriptMessage::Unchanged,
        ScriptMessage::KeptOld,
        ScriptMessage::Installed,
        ScriptMessage::OwnerNote,
        ScriptMessage::AwkEmpty,
        ScriptMessage::AwkCannotRead,
        ScriptMessage::AwkTwiceBefore,
        ScriptMessage::AwkTwiceCount,
        ScriptMessage::AwkTwiceAfter,
        ScriptMessage::AwkHostLine,
        ScriptMessage::AwkBundleLine,
        ScriptMessage::AwkLineEnd,
        ScriptMessage::AwkExpectedObject,
        ScriptMessage::AwkExpectedName,
        ScriptMessage::AwkExpectedColon,
        ScriptMessage::AwkExpectedComma,
        ScriptMessage::AwkTrailing,
        ScriptMessage::AwkTooDeep,
        ScriptMessage::AwkExpectedValue,
        ScriptMessage::AwkUnclosed,
        ScriptMessage::AwkBadUnicode,
        ScriptMessage::AwkUnknownEscape,
        ScriptMessage::AwkUnknownEscapeEnd,
        ScriptMessage::AwkUnclosedLine,
        ScriptMessage::AwkControl,
        ScriptMessage::AnsibleTextfileBadName,
        ScriptMessage::AnsibleNotAnObject,
        ScriptMessage::AnsibleTwice,
        ScriptMessage::AnsibleConflict,
        ScriptMessage::AnsibleNothingInstalled,
        ScriptMessage::AnsibleLinkToFolder,
        ScriptMessage::AnsibleLinkConflict,
        ScriptMessage::AnsibleNotAFile,
        ScriptMessage::AnsibleFileDiffers,
        ScriptMessage::AnsibleReplacingRenewed,
    ];

    /// The placeholder it stands as in the templates.
    pub(crate) fn placeholder(self) -> String {
        format!("@say:{self:?}@")
    }
}

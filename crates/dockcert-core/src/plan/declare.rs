//! The two macros that make code from the table of settings
//! (`settings.rs`), each handed its rows:
//!
//! - `declare_inputs!` (in `inputs.rs`): each setting's [`Field`], its
//!   [`Setting`] row, its `--help` and the page's default, its text in
//!   [`PlanRequest`] (and in [`ServerRequest`] for a `host` row, which a
//!   host may set for itself), [`PlanRequest::gives`] and
//!   [`PlanRequest::set`], the flag-over-file merge;
//! - `declare_checks!` (in `checked.rs`): its checked value's field in
//!   [`Plan`] (or [`ServerSpec`]) and its rule applied, plan-wide and per
//!   host, in the table's order.
//!
//! Names in the generated code are those in scope where it is made.
//!
//! [`Plan`]: super::Plan
//! [`ServerSpec`]: super::ServerSpec
//! [`Field`]: super::Field
//! [`Setting`]: super::Setting
//! [`PlanRequest`]: super::PlanRequest
//! [`ServerRequest`]: super::ServerRequest
//! [`PlanRequest::gives`]: super::PlanRequest::gives
//! [`PlanRequest::set`]: super::PlanRequest::set

macro_rules! declare_inputs {
    (
        lists { $( $(#[$lm:meta])* $LVariant:ident = $lrow:expr, help $lhelp:expr, default $ldef:expr, )* }
        plan { $(
            $(#[$pm:meta])* $PVariant:ident $pfield:ident: $pty:ty => $pchk:ty,
            $pdoc:literal, $prule:expr, $prow:expr, help $phelp:expr, default $pdef:expr,
        )* }
        host { $(
            $(#[$hm:meta])* $HVariant:ident $hfield:ident: $hty:ty, own $hown:ty => $hchk:ty,
            $hdoc:literal, $hrule:expr, $hrow:expr, help $hhelp:expr, default $hdef:expr,
        )* }
    ) => {
        /// An input the user gave, named as the CLI flag names it (the
        /// page's form fields carry the same names without the dashes). Its
        /// flag, fleet key, label and help are its row of the table in
        /// `settings.rs`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $( $(#[$lm])* $LVariant, )*
            $( $(#[$pm])* $PVariant, )*
            $( $(#[$hm])* $HVariant, )*
        }

        /// The table: one row per [`Field`], in its order.
        const SETTINGS: &[Setting] = &[ $( $lrow, )* $( $prow, )* $( $hrow, )* ];

        impl Field {
            /// Every input, in the table's order.
            pub const ALL: &[Field] = &[
                $( Field::$LVariant, )* $( Field::$PVariant, )* $( Field::$HVariant, )*
            ];
        }

        /// The raw inputs. A single value is `None` when not given (use the
        /// default), `Some("")` when empty (an error); a list is empty when
        /// not given.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct PlanRequest {
            /// One entry per `--server` (or `[[host]]` of a fleet file).
            pub servers: Vec<ServerRequest>,
            /// One entry per `--client`.
            pub clients: Vec<String>,
            $( $(#[$pm])* pub $pfield: $pty, )*
            $( $(#[$hm])* pub $hfield: $hty, )*
            /// What the plan is for.
            pub purpose: Purpose,
            /// `--ansible`: add an Ansible inventory and playbook for the hosts.
            pub ansible: bool,
            /// `--lang` (the CLI), the page's language: README.txt's language.
            pub lang: Lang,
            /// From an existing CA: when it ends, so the days are fitted to
            /// it with every other input, before any key is made.
            pub ca_lifetime: Option<CaLifetime>,
            /// The zip or folder the bundle goes into, as the face names it
            /// (the file name, not its path), for the inventory's lines
            /// (`inventory.jsonl`'s `"bundle"`); `None`: unnamed.
            pub bundle_name: Option<String>,
            /// A new CA's plan with no client wanted: a rotation that keeps
            /// none (every client dropped, or a bundle without one) makes
            /// none, where a new CA without `--client` makes one named
            /// "client".
            pub no_default_client: bool,
            /// `renew`: the certificate the plan's one host or client
            /// replaces, which its install.sh replaces without `--force`.
            pub renews: Option<Renews>,
        }

        /// One host as asked for: `NAME[,SAN...]` and, from a fleet file, its
        /// own settings, which win over the plan-wide ones.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct ServerRequest {
            /// `NAME[,SAN...]`.
            pub spec: String,
            $( $(#[$hm])* pub $hfield: $hown, )*
        }

        impl Field {
            /// The `--help` text of this input's flag, its default and
            /// limits from the values the rules use (English: clap's
            /// derive reads it).
            pub fn help(self) -> String {
                self.help_in(Lang::En)
            }

            /// The `--help` text of this input's flag in `lang`.
            pub fn help_in(self, lang: Lang) -> String {
                let [en, zh]: [String; 2] = match self {
                    $( Field::$LVariant => $lhelp, )*
                    $( Field::$PVariant => $phelp, )*
                    $( Field::$HVariant => $hhelp, )*
                };
                match lang {
                    Lang::En => en,
                    Lang::Zh => zh,
                }
            }

            /// The default the rule takes for a value not given, as text, or
            /// nothing: what the page shows greyed in the empty field (its
            /// placeholder); an empty field is a value not given.
            pub fn default_text(self) -> String {
                match self {
                    $( Field::$LVariant => $ldef, )*
                    $( Field::$PVariant => $pdef, )*
                    $( Field::$HVariant => $hdef, )*
                }
            }
        }

        impl PlanRequest {
            /// Whether this request gives `field` itself (a flag given, for
            /// a fleet file's value to yield to).
            pub fn gives(&self, field: Field) -> bool {
                match field {
                    Field::Server => !self.servers.is_empty(),
                    Field::Client => !self.clients.is_empty(),
                    $( Field::$PVariant => Typed::given(&self.$pfield), )*
                    $( Field::$HVariant => Typed::given(&self.$hfield), )*
                }
            }

            /// Gives `field` the `values` typed for it (one for a setting,
            /// each for a list; none leaves it at its default).
            pub fn set(&mut self, field: Field, values: Vec<String>) {
                match field {
                    Field::Server => self.servers = values.into_iter().map(Into::into).collect(),
                    Field::Client => self.clients = values,
                    $( Field::$PVariant => self.$pfield = Typed::typed(values), )*
                    $( Field::$HVariant => self.$hfield = Typed::typed(values), )*
                }
            }

            /// Each setting `self` gives (a flag) over `file`'s (a fleet
            /// file's `[ca]`/`[defaults]`); the hosts and clients of both.
            pub(crate) fn over(&self, file: &PlanRequest) -> PlanRequest {
                let mut servers = file.servers.clone();
                servers.extend(self.servers.iter().cloned());
                let mut clients = file.clients.clone();
                clients.extend(self.clients.iter().cloned());
                PlanRequest {
                    servers,
                    clients,
                    $( $pfield: match Typed::given(&self.$pfield) {
                        true => self.$pfield.clone(),
                        false => file.$pfield.clone(),
                    }, )*
                    $( $hfield: match Typed::given(&self.$hfield) {
                        true => self.$hfield.clone(),
                        false => file.$hfield.clone(),
                    }, )*
                    purpose: self.purpose,
                    ansible: self.ansible,
                    lang: self.lang,
                    ca_lifetime: self.ca_lifetime,
                    bundle_name: self.bundle_name.clone(),
                    no_default_client: self.no_default_client,
                    renews: self.renews,
                }
            }
        }

        impl ServerRequest {
            /// Gives this host its own `values` for `field`, if a host may
            /// set `field` for itself.
            pub(crate) fn set_own(&mut self, field: Field, values: Vec<String>) {
                match field {
                    $( Field::$HVariant => self.$hfield = Typed::typed(values), )*
                    _ => {}
                }
            }

        }
    };
}
pub(crate) use declare_inputs;

macro_rules! declare_checks {
    (
        lists { $( $(#[$lm:meta])* $LVariant:ident = $lrow:expr, help $lhelp:expr, default $ldef:expr, )* }
        plan { $(
            $(#[$pm:meta])* $PVariant:ident $pfield:ident: $pty:ty => $pchk:ty,
            $pdoc:literal, $prule:expr, $prow:expr, help $phelp:expr, default $pdef:expr,
        )* }
        host { $(
            $(#[$hm:meta])* $HVariant:ident $hfield:ident: $hty:ty, own $hown:ty => $hchk:ty,
            $hdoc:literal, $hrule:expr, $hrow:expr, help $hhelp:expr, default $hdef:expr,
        )* }
    ) => {
        /// A checked plan: everything needed to make a bundle except the
        /// keys, the passphrase, the RNG and the clock.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Plan {
            $( #[doc = $pdoc] pub $pfield: $pchk, )*
            /// Whether the user asked for `days` (`--days`), rather than
            /// taking the default: from an existing CA, a default that would
            /// outlive the CA is shortened to fit it; an explicit one is
            /// refused.
            pub days_given: bool,
            /// From an existing CA: its end date (`2027-11-23`) when the
            /// default `days` was shortened to end with it, for README.txt
            /// and the summary.
            pub days_fit_ca: Option<String>,
            /// The names a new CA's plan took by default, none being given,
            /// for the faces to say so: [`Field::Client`] (one client named
            /// "client") and [`Field::CaName`] ("dockcert CA" and the date).
            pub named_by_default: Vec<Field>,
            /// The Docker hosts, in the order given.
            pub servers: Vec<ServerSpec>,
            /// The clients, in the order given.
            pub clients: Vec<ClientSpec>,
            /// Whether the bundle also holds `ansible/`: an inventory of the
            /// hosts and a playbook that installs them (`--ansible`).
            pub ansible: bool,
            /// The language README.txt is written in; commands, paths, file
            /// names and flags stay as they are in either.
            pub lang: Lang,
            /// The zip or folder the bundle goes into, for the inventory
            /// ([`PlanRequest::bundle_name`]).
            pub bundle_name: Option<String>,
            /// A renewal's old certificate ([`PlanRequest::renews`]).
            pub renews: Option<Renews>,
        }

        /// One Docker host: its name, every name or address clients use to
        /// reach it, and its own settings.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct ServerSpec {
            /// The host's name: its certificate's Common Name and its folder name.
            pub name: String,
            /// Every subjectAltName, the name first.
            pub sans: Vec<San>,
            $( #[doc = $hdoc] pub $hfield: $hchk, )*
        }

        /// The plan-wide settings, each checked by its rule (`None`: refused).
        pub(crate) struct PlanWide {
            $( pub(crate) $pfield: Option<$pchk>, )*
        }

        /// The settings a host may set for itself, as the plan sets them
        /// for every host, checked.
        pub(crate) struct HostWide {
            $( $hfield: $hchk, )*
        }

        impl PlanRequest {
            /// Every setting checked by its rule, in the table's order, each
            /// problem kept in `errors`: the plan-wide ones, and the ones a
            /// host may set for itself, as set for every host.
            pub(crate) fn check_settings(
                &self,
                today: Date,
                errors: &mut Vec<FieldError>,
            ) -> (PlanWide, Option<HostWide>) {
                $( let $pfield = take(errors, rule::<$pty, $pchk>($prule)(&self.$pfield, today)); )*
                $( let $hfield = take(errors, rule::<$hty, $hchk>($hrule)(&self.$hfield, today)); )*
                let host = (|| Some(HostWide { $( $hfield: $hfield?, )* }))();
                (PlanWide { $( $pfield, )* }, host)
            }
        }

        impl ServerRequest {
            /// This host (the `index`th, named `name` with `sans`) with its
            /// own settings checked by their rules, or the plan's; `None`
            /// with each problem kept in `errors`.
            pub(crate) fn check_own(
                &self,
                index: usize,
                (name, sans): (String, Vec<San>),
                wide: &HostWide,
                today: Date,
                errors: &mut Vec<FieldError>,
            ) -> Option<ServerSpec> {
                $( let $hfield = match Own::<$hty>::own(&self.$hfield) {
                    Some(text) => rule::<$hty, $hchk>($hrule)(&text, today).map_err(|e| e.at(index)),
                    None => Ok(wide.$hfield.clone()),
                }; )*
                $( let $hfield = take(errors, $hfield); )*
                Some(ServerSpec { name, sans, $( $hfield: $hfield?, )* })
            }
        }

        impl PlanWide {
            /// The plan, from these settings and the rest of it, if every
            /// setting was accepted.
            pub(crate) fn plan(self, rest: PlanRest) -> Option<Plan> {
                Some(Plan {
                    $( $pfield: self.$pfield?, )*
                    days_given: rest.days_given,
                    days_fit_ca: rest.days_fit_ca,
                    named_by_default: rest.named_by_default,
                    servers: rest.servers,
                    clients: rest.clients,
                    ansible: rest.ansible,
                    lang: rest.lang,
                    bundle_name: rest.bundle_name,
                    renews: rest.renews,
                })
            }
        }
    };
}
pub(crate) use declare_checks;

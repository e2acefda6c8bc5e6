//! `dockcert probe tcp://HOST:PORT`: connect to a live dockerd and check, in
//! order, that it is reachable, that it does not serve the API in clear text,
//! that its certificate is one docker trusts for the name dialled, that a
//! client without a certificate is refused, and that the client's certificate
//! is accepted (then `/_ping` and `/version`).
//!
//! Here are the checks' order and the report; the connections are
//! [`wire`]'s, the client's files [`client_files`]'s, the report's own words
//! [`words`]' and what is refused [`refused`]'s, and what each answer means
//! is the core's
//! (`dockcert_core::inspect::probe`). The peer may be hostile: the whole
//! command has one deadline (`--timeout`), from the name lookup to the last
//! answer, and every read is bounded (rustls bounds handshake messages;
//! answers stop at 64 KiB). A server "refuses" only when its TLS alert or
//! the connection's end says so; silence or an odd answer is "unknown",
//! with what was seen.

use std::io;
use std::net::IpAddr;
use std::process::ExitCode;
use std::time::Instant;

use dockcert_core::inspect::probe::{
    self, certificate_key, classify_plain_answer, days_check, on_disk_check, plain_http_check,
    served_ends, server_check, Check, CheckName, Compared, End, Note, Skip, Status, Summary,
    Unsupported,
};
use dockcert_core::{show, Lang, Localized};
use serde_json::json;
use time::OffsetDateTime;

use crate::cli::ProbeArgs;
use crate::docker_env::{self, Endpoint};
use crate::failure::{io_reason, Failure};
use crate::problem::{Flag, Named, Problem};

mod answer;
mod client_files;
mod deadline;
mod on_disk;
mod recorder;
mod wire;
mod with_client;
mod words;

use answer::{refused, timed_out, tls_words, unclear};
use client_files::ClientFiles;
use deadline::Deadline;
use wire::{connect, exchange, plain_ping, Target};
use with_client::with_client;
use words::Said;

/// Runs `dockcert probe`: exit status 0 healthy, 1 a finding.
pub(crate) fn run(args: &ProbeArgs) -> Result<ExitCode, Failure> {
    let lang = crate::language::chosen(args.lang);
    let endpoint = docker_env::endpoint(args.context.as_deref(), args.host.is_some())?;
    let target = Target::from_args(args, &endpoint)?;
    let files = ClientFiles::from_args(args, &endpoint)?;
    let Probed {
        mut checks,
        chain,
        peer,
    } = probe(&target, &files, Deadline::after(args.timeout));
    // What was served, beside its end and its file on disk.
    let mut ends: Vec<End> = Vec::new();
    let mut on_disk = None;
    if let Some(chain) = &chain {
        let now = OffsetDateTime::now_utc();
        ends = served_ends(chain, &files.ca, &target.host, now);
        checks.push(days_check(ends.clone()));
        let leaf = chain.first().map_or(&[][..], Vec::as_slice);
        let compared = on_disk::compared(args.compare.as_deref(), target.port, peer, leaf)?;
        checks.push(on_disk_check(compared.clone()));
        on_disk = Some(compared);
    }
    let address = target.address();
    let verdict = probe::verdict(&checks, &address);
    if args.json {
        let value = json!({
            "target": format!("tcp://{address}"),
            "ca": files.ca_path.display().to_string(),
            "cert": files.cert_path.display().to_string(),
            "checks": checks,
            "served": ends,
            "on_disk": on_disk.unwrap_or(Compared::NotOnHost),
            "verdict": verdict,
        });
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| Failure::run(Problem::Json(e.to_string())))?;
        println!("{}", show::json(text));
    } else {
        print!(
            "{}",
            show::safe_document(&human(&address, &files, &checks, &verdict, lang))
        );
    }
    Ok(if verdict.healthy() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What the connection's checks found: the checks, the chain served and
/// the address that answered, when there were.
struct Probed {
    checks: Vec<Check>,
    chain: Option<Vec<Vec<u8>>>,
    peer: Option<IpAddr>,
}

/// Runs the connection's checks in order; a check that an earlier one
/// makes meaningless is skipped (the days and the file on disk with them
/// when no chain was served).
fn probe(target: &Target, files: &ClientFiles, deadline: Deadline) -> Probed {
    let mut checks = Vec::new();
    let done = |checks, chain, peer| Probed {
        checks,
        chain,
        peer,
    };
    // What docker says when it cannot reach the daemon, whatever the cause.
    let unreachable = format!(
        "Cannot connect to the Docker daemon at tcp://{}. Is the docker daemon running?",
        target.address()
    );
    let addrs = match target.resolve(deadline) {
        Ok(addrs) => addrs,
        Err(why) => {
            checks.push(Check::finding(
                CheckName::Reachable,
                Summary::Unresolved {
                    host: target.host.clone(),
                    why,
                },
                Some(unreachable),
            ));
            return done(skip_rest(checks, Skip::NotReachable), None, None);
        }
    };
    let started = Instant::now();
    let peer = match connect(&addrs, deadline) {
        Ok(stream) => {
            checks.push(Check::ok(
                CheckName::Reachable,
                Summary::Connected {
                    address: target.address(),
                    millis: started.elapsed().as_millis(),
                },
            ));
            stream.peer_addr().ok().map(|a| a.ip())
        }
        Err(e) => {
            let summary = if e.kind() == io::ErrorKind::ConnectionRefused {
                Summary::ConnectionRefused {
                    address: target.address(),
                }
            } else {
                Summary::NoConnection {
                    address: target.address(),
                    seconds: deadline.seconds(),
                    why: io_reason(&e),
                }
            };
            checks.push(Check::finding(
                CheckName::Reachable,
                summary,
                Some(unreachable),
            ));
            return done(skip_rest(checks, Skip::NotReachable), None, None);
        }
    };

    let plain = plain_ping(&addrs, target, deadline)
        .map(|answer| classify_plain_answer(&answer))
        .unwrap_or(probe::PlainAnswer::NoHttp);
    checks.push(plain_http_check(plain));

    // Without a client certificate: the server's chain, and whether it lets us in.
    let anonymous = exchange(&addrs, target, None, "/_ping", deadline);
    let chain_check = match &anonymous.chain {
        None => {
            let error = anonymous.answer.as_ref().err();
            let said = error.map(tls_words).unwrap_or_default();
            if error.is_some_and(timed_out) {
                checks.push(Check::unknown(
                    CheckName::ServerCertificate,
                    Summary::NoHandshakeInTime {
                        seconds: deadline.seconds(),
                        said,
                    },
                ));
                return done(skip_rest(checks, Skip::NoHandshakeInTime), None, peer);
            }
            checks.push(Check::finding(
                CheckName::ServerCertificate,
                Summary::NoHandshake { said: said.clone() },
                Some(said),
            ));
            return done(skip_rest(checks, Skip::NoTls), None, peer);
        }
        Some(chain) => {
            let check = server_check(chain, &files.ca, &target.host, OffsetDateTime::now_utc());
            // Our TLS library's limit, said as such: the chain is judged anyway.
            let own_limit = chain
                .first()
                .and_then(|leaf| certificate_key(leaf))
                .filter(|_| anonymous.unchecked)
                .map(|key| {
                    Note::TlsLibrary(if anonymous.sha1 {
                        Unsupported::Sha1Signature
                    } else {
                        Unsupported::ServerKey(key)
                    })
                });
            check.with_notes(own_limit)
        }
    };
    let trusted = chain_check.status == Status::Ok;
    checks.push(chain_check);
    let announced = anonymous.announced.as_deref().and_then(probe::announced);
    checks.push(
        match &anonymous.answer {
            _ if anonymous.unchecked => {
                Check::skipped(CheckName::NoClientCertificate, Skip::OwnTlsLibrary)
            }
            Ok(answer) => Check::finding(
                CheckName::NoClientCertificate,
                Summary::AnonymousAccepted {
                    status_line: answer.status_line.clone(),
                },
                None,
            ),
            Err(e) if refused(e) => Check::ok(
                CheckName::NoClientCertificate,
                Summary::AnonymousRefused { said: tls_words(e) },
            ),
            Err(e) => Check::unknown(
                CheckName::NoClientCertificate,
                Summary::AnonymousUnclear(unclear(e, deadline)),
            ),
        }
        .with_notes(announced),
    );

    let chain = anonymous.chain.clone();
    if !trusted {
        checks.push(Check::skipped(
            CheckName::ClientCertificate,
            Skip::ServerRefused,
        ));
        return done(checks, chain, peer);
    }
    if deadline.passed() {
        checks.push(Check::skipped(
            CheckName::ClientCertificate,
            Skip::OutOfTime {
                seconds: deadline.seconds(),
            },
        ));
        return done(checks, chain, peer);
    }
    checks.push(with_client(&addrs, target, files, &anonymous, deadline));
    done(checks, chain, peer)
}

/// The chain the daemon at `value` (`tcp://HOST:PORT`) serves, from one
/// handshake without a client certificate as probe's first: for `expiry`,
/// which only reads its dates. What stopped it is said as probe says it.
pub(crate) fn served_chain(value: &str, seconds: u64) -> Result<Vec<Vec<u8>>, Failure> {
    let target = Target::parse(value)
        .ok_or_else(|| Failure::input(Problem::BadDaemon(Named::value(value))))?;
    let deadline = Deadline::after(seconds);
    let not_served = |met: Summary| {
        Failure::input(Problem::NotServed {
            daemon: value.to_owned(),
            met,
        })
    };
    let addrs = target.resolve(deadline).map_err(|why| {
        not_served(Summary::Unresolved {
            host: target.host.clone(),
            why,
        })
    })?;
    let exchanged = exchange(&addrs, &target, None, "/_ping", deadline);
    match (exchanged.chain, exchanged.answer) {
        (Some(chain), _) => Ok(chain),
        (None, Err(e)) if e.kind() == io::ErrorKind::ConnectionRefused => {
            Err(not_served(Summary::ConnectionRefused {
                address: target.address(),
            }))
        }
        (None, Err(e)) if timed_out(&e) => Err(not_served(Summary::NoConnection {
            address: target.address(),
            seconds: deadline.seconds(),
            why: io_reason(&e),
        })),
        (None, answer) => Err(not_served(Summary::NoHandshake {
            said: answer.err().map(|e| tls_words(&e)).unwrap_or_default(),
        })),
    }
}

fn skip_rest(mut checks: Vec<Check>, why: Skip) -> Vec<Check> {
    for name in CheckName::ALL.into_iter().skip(checks.len()) {
        checks.push(Check::skipped(name, why));
    }
    checks
}

impl Target {
    fn from_args(args: &ProbeArgs, endpoint: &Endpoint) -> Result<Target, Failure> {
        let (flag, value) = match (&args.host, &endpoint.host) {
            (Some(h), _) => (Flag::plain("HOST"), h.clone()),
            (None, Some(h)) => (endpoint.host_source.clone(), h.clone()),
            (None, None) => return Err(Failure::input(Problem::NoDaemon)),
        };
        Target::parse(&value)
            .ok_or_else(|| Failure::input(Problem::BadDaemon(Named::by(flag, &value))))
    }
}

/// The report: one line per check, docker's words and their meaning under a
/// finding, then the verdict, in `lang`. What the daemon sent (a subject, a
/// status line, a version) is in the checks' texts: each is put in with
/// [`show::safe`], so none can start a line of its own ("Verdict: healthy").
fn human(
    address: &str,
    files: &ClientFiles,
    checks: &[Check],
    verdict: &probe::Verdict,
    lang: Lang,
) -> String {
    use std::fmt::Write as _;
    let safe = show::safe;
    let mut t = Said::Heading {
        address: &safe(address),
        ca: &show::quoted(&files.ca_path.display().to_string()),
        cert: &show::quoted(&files.cert_path.display().to_string()),
    }
    .text(lang);
    t.push('\n');
    // The status words padded to one width, and the lines under a check
    // indented past them.
    let all = [
        Status::Ok,
        Status::Finding,
        Status::Warning,
        Status::Skipped,
        Status::Unknown,
    ];
    let width = all
        .iter()
        .map(|s| dockcert_core::columns(&s.text(lang)))
        .max()
        .unwrap_or(0);
    let indent = " ".repeat(width + 3);
    for c in checks {
        let label = dockcert_core::pad(&c.status.text(lang), width);
        let (name, summary) = (c.name.text(lang), c.summary.text(lang));
        let line = Said::Check {
            name: &name,
            summary: &safe(&summary),
        }
        .text(lang);
        let _ = writeln!(t, "  {label} {line}");
        if let Some(said) = &c.docker_says {
            let _ = writeln!(t, "{indent}{}", Said::DockerSays(&safe(said)).text(lang));
        }
        if let Some(e) = c.explanation {
            let _ = writeln!(
                t,
                "{indent}{}",
                Said::Cause(&e.cause().text(lang)).text(lang)
            );
            let _ = writeln!(t, "{indent}{}", Said::Fix(&e.fix().text(lang)).text(lang));
        }
        for note in &c.notes {
            let _ = writeln!(t, "{indent}{}", safe(&note.text(lang)));
        }
    }
    let _ = writeln!(
        t,
        "\n{}",
        Said::Verdict(&safe(&verdict.text(lang))).text(lang)
    );
    t
}

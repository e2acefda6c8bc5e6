//! What `dockcert expiry` says, in either language: the table's headings,
//! each row's days, and the closing verdict.

use super::{Damaged, Ending, Expiry, Role, Unreadable};
use crate::lang::{Lang, Localized};

/// A heading of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// Days left (negative: ended).
    Days,
    /// The last valid moment.
    NotAfter,
    /// CA, server, client.
    Role,
    /// Its name.
    Name,
    /// Its serial number.
    Serial,
    /// Where it was found.
    Where,
}

impl Column {
    /// Every column, in the table's order.
    pub const ALL: [Column; 6] = [
        Column::Days,
        Column::NotAfter,
        Column::Role,
        Column::Name,
        Column::Serial,
        Column::Where,
    ];
}

impl Localized for Column {
    fn text(&self, lang: Lang) -> String {
        use Column as C;
        match (self, lang) {
            (C::Days, Lang::En) => "DAYS LEFT",
            (C::Days, Lang::Zh) => "剩余天数",
            (C::NotAfter, Lang::En) => "NOT AFTER (UTC)",
            (C::NotAfter, Lang::Zh) => "到期时间（UTC）",
            (C::Role, Lang::En) => "ROLE",
            (C::Role, Lang::Zh) => "用途",
            (C::Name, Lang::En) => "NAME",
            (C::Name, Lang::Zh) => "名称",
            (C::Serial, Lang::En) => "SERIAL",
            (C::Serial, Lang::Zh) => "序列号",
            (C::Where, Lang::En) => "WHERE",
            (C::Where, Lang::Zh) => "位置",
        }
        .to_owned()
    }
}

impl Localized for Role {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Role::Ca, _) => "CA",
            (Role::Server, Lang::En) => "server",
            (Role::Server, Lang::Zh) => "服务器",
            (Role::Client, Lang::En) => "client",
            (Role::Client, Lang::Zh) => "客户端",
            (Role::Other, Lang::En) => "other",
            (Role::Other, Lang::Zh) => "其他",
        }
        .to_owned()
    }
}

impl Ending {
    /// Its days as a person says them: "12", "0" (its last day), "ended
    /// less than a day ago", "ended 3 days ago" (whole days since).
    pub fn days_text(&self, lang: Lang) -> String {
        let d = self.days_left;
        if d >= 0 {
            return d.to_string();
        }
        match (-d - 1, lang) {
            (0, Lang::En) => "ended less than a day ago".to_owned(),
            (0, Lang::Zh) => "已过期（不到 1 天）".to_owned(),
            (1, Lang::En) => "ended 1 day ago".to_owned(),
            (n, Lang::En) => format!("ended {n} days ago"),
            (n, Lang::Zh) => format!("已过期 {n} 天"),
        }
    }

    /// Where it is: its first path (else the inventory's line that
    /// records it), and how many more hold or record it.
    pub fn where_text(&self, lang: Lang) -> String {
        let mut places = self.paths.iter().chain(&self.inventory);
        let first = places.next().map_or("", String::as_str);
        match (places.count(), lang) {
            (0, _) => first.to_owned(),
            (more, Lang::En) => format!("{first} (and {more} more)"),
            (more, Lang::Zh) => format!("{first}（另有 {more} 处）"),
        }
    }

    /// Its end as the table shows it: `2027-01-04 12:00`.
    pub fn not_after_text(&self) -> String {
        let t = self.not_after;
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    }
}

/// The closing line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Some certificates end within the days asked, or have ended.
    Ending {
        /// How many.
        count: usize,
        /// Of how many certificates.
        of: usize,
        /// Of them, how many have ended.
        ended: usize,
        /// The days asked.
        within: u32,
    },
    /// None does.
    NoneEnding {
        /// How many certificates.
        of: usize,
        /// The days asked.
        within: u32,
        /// The first to end, and in how many days.
        first: Option<(String, i64)>,
    },
}

impl Expiry {
    /// The verdict for `within` days.
    pub fn verdict(&self, within: u32) -> Verdict {
        let ending: Vec<&Ending> = self.within(within).collect();
        let of = self.certificates.len();
        if ending.is_empty() {
            Verdict::NoneEnding {
                of,
                within,
                first: self
                    .certificates
                    .first()
                    .map(|e| (e.name.clone(), e.days_left)),
            }
        } else {
            Verdict::Ending {
                count: ending.len(),
                of,
                ended: ending.iter().filter(|e| e.not_after <= self.now).count(),
                within,
            }
        }
    }
}

impl Localized for Verdict {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Verdict::Ending {
                    count,
                    of,
                    ended,
                    within,
                },
                Lang::En,
            ) => {
                let ended = match ended {
                    0 => String::new(),
                    n => format!(" ({n} already ended)"),
                };
                let s = if *of == 1 { "" } else { "s" };
                let verb = if *count == 1 { "ends" } else { "end" };
                format!("{count} of {of} certificate{s} {verb} within {within} days{ended}: renew before then (dockcert renew).")
            }
            (
                Verdict::Ending {
                    count,
                    of,
                    ended,
                    within,
                },
                Lang::Zh,
            ) => {
                let ended = match ended {
                    0 => String::new(),
                    n => format!("（其中 {n} 张已过期）"),
                };
                format!("{of} 张证书中有 {count} 张在 {within} 天内到期{ended}：请在此之前续期（dockcert renew）。")
            }
            (Verdict::NoneEnding { of, within, first }, Lang::En) => {
                let s = if *of == 1 { "" } else { "s" };
                match first {
                    Some((name, days)) => format!(
                        "None of {of} certificate{s} ends within {within} days; the first to end is {name}, in {days} days."
                    ),
                    None => format!("No certificate found; nothing ends within {within} days."),
                }
            }
            (Verdict::NoneEnding { of, within, first }, Lang::Zh) => match first {
                Some((name, days)) => format!(
                    "{of} 张证书都不会在 {within} 天内到期；最早到期的是 {name}，{days} 天后到期。"
                ),
                None => format!("没有找到证书；{within} 天内没有证书到期。"),
            },
        }
    }
}

impl Localized for Unreadable {
    fn text(&self, lang: Lang) -> String {
        let path = &self.path;
        let why = &self.why;
        match lang {
            Lang::En => format!("{path:?}: holds a certificate that cannot be read: {why}"),
            Lang::Zh => format!("{path:?}：其中的证书无法读取：{why}"),
        }
    }
}

impl Localized for Damaged {
    fn text(&self, lang: Lang) -> String {
        let path = &self.path;
        let mut lines: Vec<String> = self
            .problems
            .iter()
            .map(|p| match lang {
                Lang::En => format!("{path:?}: inventory: {}", p.text(lang)),
                Lang::Zh => format!("{path:?}：签发清单：{}", p.text(lang)),
            })
            .collect();
        match (self.more, lang) {
            (0, _) => {}
            (n, Lang::En) => lines.push(format!("{path:?}: inventory: {n} more damaged lines")),
            (n, Lang::Zh) => lines.push(format!("{path:?}：签发清单：另有 {n} 行已损坏")),
        }
        lines.join("\n")
    }
}

//! The subject's attributes besides the Common Name, as company PKI
//! policies ask for them: `--subject-org` (O), `--subject-unit` (OU) and
//! `--subject-country` (C), each the single rule for its input, and their
//! mistakes with their words in English and Chinese.
//!
//! Three flags, not one `--subject "O=…,OU=…,C=CN"`: each is a row of the
//! settings table with its own label, fleet key and error naming it, and an
//! organization's name may hold commas, `=` and `+` (示例公司, "Acme, Inc.")
//! that a one-line DN would need escaped.
//!
//! O and OU are written as UTF8String, C as PrintableString (RFC 5280
//! Appendix A). Lengths are RFC 5280's upper bounds, in characters.

use crate::lang::{Lang, Localized};
use crate::pki::Subject;

use super::error::{Field, FieldError, InputProblem};
use super::spec::{MAX_SUBJECT_ORG, MAX_SUBJECT_UNIT};

/// The ISO 3166-1 alpha-2 codes, and XK (Kosovo, user-assigned, in common
/// use): the list pkilint checks a countryName against.
const ISO_3166: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI \
BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ \
GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN \
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS \
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT \
PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF \
TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA \
ZM ZW";

/// Which attribute of the subject a mistake is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    /// organizationName (O).
    Org,
    /// organizationalUnitName (OU).
    Unit,
}

/// What can be wrong with a subject attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SubjectProblem {
    /// Longer than RFC 5280 allows.
    TooLong {
        /// Which attribute.
        attribute: Attribute,
        /// Its length in characters.
        len: usize,
        /// The most allowed.
        max: usize,
    },
    /// A control or invisible formatting character.
    Control(Attribute),
    /// A country that is not two ASCII letters of ISO 3166-1.
    Country,
}

impl Localized for SubjectProblem {
    fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let what = |a: &Attribute| match (a, zh) {
            (Attribute::Org, false) => "the organization (O)",
            (Attribute::Org, true) => "组织（O）",
            (Attribute::Unit, false) => "the organizational unit (OU)",
            (Attribute::Unit, true) => "部门（OU）",
        };
        match (self, zh) {
            (Self::TooLong { attribute, len, max }, false) => format!(
                "{} is {len} characters long; at most {max} are allowed (RFC 5280)",
                what(attribute)
            ),
            (Self::TooLong { attribute, len, max }, true) => {
                format!("{}有 {len} 个字符；最多允许 {max} 个（RFC 5280）", what(attribute))
            }
            (Self::Control(a), false) => format!(
                "{} must not contain control characters or invisible formatting characters (such as a bidi override)",
                what(a)
            ),
            (Self::Control(a), true) => format!(
                "{}不能包含控制字符或不可见的格式字符（例如双向文本覆盖字符）",
                what(a)
            ),
            (Self::Country, false) => "the country (C) must be a two-letter ISO 3166 code in ASCII letters, like CN, US or DE".into(),
            (Self::Country, true) => "国家（C）必须是 ISO 3166 的两个 ASCII 字母代码，例如 CN、US 或 DE".into(),
        }
    }
}

/// `--subject-org`: any text X.509 takes as a UTF8String, up to 64
/// characters; none when not given or blank.
pub(crate) fn parse_org(text: Option<&str>) -> Result<Option<String>, FieldError> {
    parse_text(Field::SubjectOrg, Attribute::Org, MAX_SUBJECT_ORG, text)
}

/// `--subject-unit`: as the organization.
pub(crate) fn parse_unit(text: Option<&str>) -> Result<Option<String>, FieldError> {
    parse_text(Field::SubjectUnit, Attribute::Unit, MAX_SUBJECT_UNIT, text)
}

/// `--subject-country`: two ASCII letters of ISO 3166-1 (`cn` is `CN`);
/// none when not given or blank.
pub(crate) fn parse_country(text: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(trimmed) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let code = trimmed.to_ascii_uppercase();
    let known = code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && ISO_3166.split(' ').any(|c| c == code);
    match known {
        true => Ok(Some(code)),
        false => Err(refuse(Field::SubjectCountry, text, SubjectProblem::Country)),
    }
}

fn parse_text(
    field: Field,
    attribute: Attribute,
    max: usize,
    text: Option<&str>,
) -> Result<Option<String>, FieldError> {
    let Some(trimmed) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    // Counted in characters only as far as the bound: a long paste costs
    // no more than the bound.
    let len = trimmed.chars().take(max + 1).count();
    if len > max {
        let len = trimmed.chars().count();
        let problem = SubjectProblem::TooLong {
            attribute,
            len,
            max,
        };
        return Err(refuse(field, text, problem));
    }
    // Shown in terminals, README.txt, the page and every certificate
    // viewer: nothing there may recolour a screen or read differently
    // from what it is.
    if trimmed.chars().any(crate::show::is_hidden) {
        return Err(refuse(field, text, SubjectProblem::Control(attribute)));
    }
    Ok(Some(trimmed.to_owned()))
}

fn refuse(field: Field, text: Option<&str>, problem: SubjectProblem) -> FieldError {
    FieldError::new(
        field,
        text.unwrap_or_default(),
        InputProblem::Subject(problem),
    )
}

impl super::Plan {
    /// The attributes every certificate of this plan carries besides its
    /// Common Name (a new CA's too).
    pub fn subject(&self) -> Subject {
        Subject {
            country: self.subject_country.clone(),
            org: self.subject_org.clone(),
            unit: self.subject_unit.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_and_unit_take_utf8_up_to_64_characters() {
        assert_eq!(
            parse_org(Some(" 示例公司 ")).unwrap().as_deref(),
            Some("示例公司")
        );
        assert_eq!(parse_org(None).unwrap(), None);
        assert_eq!(parse_org(Some("  ")).unwrap(), None);
        let sixty_four = "公".repeat(64);
        assert_eq!(parse_unit(Some(&sixty_four)).unwrap(), Some(sixty_four));
        let e = parse_org(Some(&"a".repeat(65))).unwrap_err();
        assert_eq!(e.field, Field::SubjectOrg);
        assert!(e.to_string().ends_with(
            "the organization (O) is 65 characters long; at most 64 are allowed (RFC 5280)"
        ));
        let e = parse_unit(Some("Ops\u{7}")).unwrap_err();
        assert_eq!(e.field, Field::SubjectUnit);
        assert_eq!(
            e.text(Lang::Zh),
            "--subject-unit \"Ops\\u{7}\"：部门（OU）不能包含控制字符或不可见的格式字符（例如双向文本覆盖字符）"
        );
        assert!(parse_org(Some("Acme\u{202e}")).is_err());
    }

    #[test]
    fn country_is_two_letters_of_iso_3166() {
        assert_eq!(parse_country(Some("CN")).unwrap().as_deref(), Some("CN"));
        assert_eq!(parse_country(Some(" de ")).unwrap().as_deref(), Some("DE"));
        for bad in ["China", "C", "ZZ", "ＣＮ", "C1", "中国", "CN\n"] {
            let e = parse_country(Some(bad));
            if bad == "CN\n" {
                // Trimmed like every other input: a typed newline is gone.
                assert!(e.is_ok());
                continue;
            }
            let e = e.unwrap_err();
            assert_eq!(e.field, Field::SubjectCountry, "{bad}");
            assert!(e.to_string().contains("two-letter ISO 3166 code"), "{e}");
        }
        assert_eq!(ISO_3166.split(' ').count(), 250);
        assert!(ISO_3166.split(' ').all(|c| c.len() == 2));
    }
}

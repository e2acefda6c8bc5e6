//! The subject every certificate of a bundle carries besides its Common
//! Name: a company's country, organization and unit, as PKI policies ask.
//!
//! RDNs go in the order OpenSSL's recipe (`-subj "/C=CN/O=…/OU=…/CN=…"`)
//! writes and prints them: C, O, OU, CN. countryName is a PrintableString
//! (RFC 5280 Appendix A: `X520countryName ::= PrintableString (SIZE (2))`);
//! O and OU are UTF8String, which RFC 5280 §4.1.2.6 asks new certificates
//! to use, so 示例公司 is written as itself. The plan checks the values
//! (`plan/subject.rs`); here a value that cannot be encoded is an error,
//! never a panic.

use rcgen::{DistinguishedName, DnType, DnValue};

use super::error::PkiError;

/// The attributes of a subject besides its Common Name; each absent when
/// not asked for (the subject is then `CN=…` alone, as before).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    /// countryName (C): two upper-case ASCII letters of ISO 3166.
    pub country: Option<String>,
    /// organizationName (O).
    pub org: Option<String>,
    /// organizationalUnitName (OU).
    pub unit: Option<String>,
}

impl Subject {
    /// The attributes in the order they are written: C, O, OU.
    fn attributes(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("C", self.country.as_deref()),
            ("O", self.org.as_deref()),
            ("OU", self.unit.as_deref()),
        ]
        .into_iter()
        .filter_map(|(short, value)| value.map(|v| (short, v)))
    }

    /// The subject of a certificate named `cn`, as it is encoded.
    pub(crate) fn name(&self, cn: &str) -> Result<DistinguishedName, PkiError> {
        let mut dn = DistinguishedName::new();
        if let Some(country) = &self.country {
            let printable =
                rcgen::string::PrintableString::try_from(country.as_str()).map_err(|e| {
                    PkiError::Sign {
                        subject: format!("the country \"{}\"", crate::show::safe(country)),
                        reason: e.to_string(),
                    }
                })?;
            dn.push(DnType::CountryName, DnValue::PrintableString(printable));
        }
        if let Some(org) = &self.org {
            dn.push(DnType::OrganizationName, DnValue::Utf8String(org.clone()));
        }
        if let Some(unit) = &self.unit {
            dn.push(
                DnType::OrganizationalUnitName,
                DnValue::Utf8String(unit.clone()),
            );
        }
        dn.push(DnType::CommonName, DnValue::Utf8String(cn.to_owned()));
        Ok(dn)
    }

    /// The subject of a certificate named `cn` as one line, in the order
    /// it is encoded, as inspect shows a certificate's subject:
    /// `C=CN, O=示例公司, OU=Ops, CN=docker1`.
    pub(crate) fn text(&self, cn: &str) -> String {
        let mut parts: Vec<String> = self
            .attributes()
            .map(|(short, value)| format!("{short}={value}"))
            .collect();
        parts.push(format!("CN={cn}"));
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attributes_come_c_o_ou_then_cn() {
        let s = Subject {
            country: Some("CN".into()),
            org: Some("示例公司".into()),
            unit: Some("Ops".into()),
        };
        assert_eq!(s.text("docker1"), "C=CN, O=示例公司, OU=Ops, CN=docker1");
        let order: Vec<DnType> = s
            .name("docker1")
            .unwrap()
            .iter()
            .map(|(t, _)| t.clone())
            .collect();
        assert_eq!(
            order,
            [
                DnType::CountryName,
                DnType::OrganizationName,
                DnType::OrganizationalUnitName,
                DnType::CommonName
            ]
        );
        assert_eq!(Subject::default().text("a"), "CN=a");
    }

    #[test]
    fn a_country_that_is_not_printable_is_an_error_not_a_panic() {
        let s = Subject {
            country: Some("中国".into()),
            ..Subject::default()
        };
        assert!(s.name("a").is_err());
    }
}

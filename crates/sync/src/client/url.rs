//! Which portal addresses are accepted: https anywhere, plain http only on this computer
//! (loopback: the demo and the tests). Pure.

use super::error::SyncError;
use reqwest::Url;
use std::net::IpAddr;
use veldwerk_core::ErrorCode;

fn invalid() -> SyncError {
    SyncError::new(
        ErrorCode::PortalUrlInvalid,
        "Dit is geen geldig portaaladres. Voorbeeld: https://portaal.leverancier.nl",
        "This is not a valid portal address. Example: https://portal.supplier.nl",
    )
}

fn insecure() -> SyncError {
    SyncError::new(
        ErrorCode::PortalUrlInsecure,
        "Een portaal buiten deze computer moet met https beginnen: anders gaan gegevens onversleuteld over het netwerk.",
        "A portal outside this computer must start with https: otherwise data would cross the network unencrypted.",
    )
}

/// Whether `host` is this computer.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Parses and checks a portal address; the result has no trailing slash, no query, no
/// fragment and no credentials.
pub fn portal_url(input: &str) -> Result<Url, SyncError> {
    let text = input.trim();
    if text.is_empty() || text.len() > 300 {
        return Err(invalid());
    }
    let mut url = Url::parse(text).map_err(|_| invalid())?;
    if url.host().is_none()
        || !url.username().is_empty()
        || url.password().is_some()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(invalid());
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err(insecure()),
        _ => return Err(invalid()),
    }
    let path = url.path().trim_end_matches('/').to_string();
    url.set_path(&path);
    Ok(url)
}

/// The text form kept in the replica (no trailing slash).
pub fn url_text(url: &Url) -> String {
    url.as_str().trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        for ok in [
            "https://portaal.example.nl",
            "https://portaal.example.nl/veldwerk/",
            "http://127.0.0.1:8080",
            "http://localhost:3000/",
            "http://[::1]:9000",
            "  https://portaal.example.nl  ",
        ] {
            let u = portal_url(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert!(!url_text(&u).ends_with('/'), "{ok}");
        }
        assert_eq!(
            url_text(&portal_url("https://p.example.nl/a/b/").unwrap()),
            "https://p.example.nl/a/b"
        );
        for (bad, code) in [
            ("http://portaal.example.nl", ErrorCode::PortalUrlInsecure),
            ("http://192.168.1.5:8080", ErrorCode::PortalUrlInsecure),
            (
                "http://127.0.0.1.evil.example",
                ErrorCode::PortalUrlInsecure,
            ),
            ("ftp://portaal.example.nl", ErrorCode::PortalUrlInvalid),
            ("portaal.example.nl", ErrorCode::PortalUrlInvalid),
            (
                "https://user:pw@portaal.example.nl",
                ErrorCode::PortalUrlInvalid,
            ),
            (
                "https://portaal.example.nl/?x=1",
                ErrorCode::PortalUrlInvalid,
            ),
            ("", ErrorCode::PortalUrlInvalid),
            ("file:///etc/passwd", ErrorCode::PortalUrlInvalid),
        ] {
            assert_eq!(portal_url(bad).unwrap_err().code, code, "{bad}");
        }
        assert_eq!(
            portal_url(&format!("https://{}.nl", "a".repeat(400)))
                .unwrap_err()
                .code,
            ErrorCode::PortalUrlInvalid
        );
    }
}

//! E-mail through an SMTP server, with lettre. Plain SMTP (`smtp://host:port`): meant for a
//! relay on the same machine or network (a local MTA such as Postfix does TLS and
//! authentication towards the outside world).

use super::{Delivery, MessageSender, Outgoing, SendError, SendFuture};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::{Duration, SystemTime};
use veldwerk_core::messages::Language;

/// How long one conversation with the server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The right side of each Message-ID: the sender address's domain.
    id_domain: String,
}

/// `smtp://host[:port][/]` (port 25 by default; `[::1]` for an IPv6 address): host and port.
pub fn parse_smtp_url(url: &str) -> Result<(String, u16), String> {
    let bad = |why: &str| format!("SMTP URL {url:?}: {why} (expected smtp://host:port)");
    let rest = url
        .trim()
        .strip_prefix("smtp://")
        .ok_or_else(|| bad("only plain smtp:// is supported"))?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['@', '/', '?', '#']) {
        return Err(bad("user names, paths and options are not supported"));
    }
    let (host, port) = match rest.strip_prefix('[') {
        Some(v6) => {
            let (host, after) = v6.split_once(']').ok_or_else(|| bad("unclosed ["))?;
            (host, after.strip_prefix(':'))
        }
        None => match rest.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        },
    };
    if host.is_empty() {
        return Err(bad("no host"));
    }
    let port = match port {
        Some(p) => p.parse::<u16>().map_err(|_| bad("bad port"))?,
        None => 25,
    };
    Ok((host.to_string(), port))
}

impl SmtpSender {
    /// A sender through the server at `url`, from `from` ("Name <address>" or an address).
    pub fn new(url: &str, from: &str) -> Result<SmtpSender, String> {
        let (host, port) = parse_smtp_url(url)?;
        let from: Mailbox = from
            .trim()
            .parse()
            .map_err(|e| format!("sender address {from:?}: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(TIMEOUT))
            .build();
        Ok(SmtpSender {
            id_domain: from.email.domain().to_string(),
            transport,
            from,
        })
    }

    fn message(&self, m: &Outgoing) -> Result<Message, SendError> {
        let address: Address = m.to.trim().parse().map_err(|_| {
            SendError::permanent(
                format!("Geen geldig e-mailadres: {:?}", m.to),
                format!("Not a valid e-mail address: {:?}", m.to),
            )
        })?;
        let mut message = Message::builder()
            .message_id(Some(format!("<{}@{}>", m.id, self.id_domain)))
            .from(self.from.clone())
            .to(Mailbox::new(m.to_name.clone(), address))
            .subject(m.subject.clone())
            .date(SystemTime::from(m.date))
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| {
                SendError::permanent(
                    format!("Het bericht kon niet als e-mail worden opgemaakt: {e}"),
                    format!("The message could not be made into an e-mail: {e}"),
                )
            })?;
        let language = match m.language {
            Language::Nl => "nl",
            Language::En => "en",
        };
        message.headers_mut().insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            language.into(),
        ));
        Ok(message)
    }
}

/// A 5xx answer is final; a 4xx answer, no connection or a timeout may pass.
fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    if e.is_permanent() {
        SendError::permanent(
            format!("De mailserver weigerde het bericht: {e}"),
            format!("The mail server refused the message: {e}"),
        )
    } else if e.is_transient() {
        SendError::transient(
            format!("De mailserver nam het bericht nu niet aan: {e}"),
            format!("The mail server did not take the message now: {e}"),
        )
    } else {
        SendError::transient(
            format!("De mailserver was niet bereikbaar: {e}"),
            format!("The mail server could not be reached: {e}"),
        )
    }
}

impl MessageSender for SmtpSender {
    fn send<'a>(&'a self, m: &'a Outgoing) -> SendFuture<'a> {
        Box::pin(async move {
            let message = self.message(m)?;
            match self.transport.send(message).await {
                Ok(_) => Ok(Delivery::Sent),
                Err(e) => Err(classify(&e)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls() {
        assert_eq!(
            parse_smtp_url("smtp://127.0.0.1:2525"),
            Ok(("127.0.0.1".into(), 2525))
        );
        assert_eq!(
            parse_smtp_url("smtp://mail.example/"),
            Ok(("mail.example".into(), 25))
        );
        assert_eq!(parse_smtp_url("smtp://[::1]:26"), Ok(("::1".into(), 26)));
        for bad in [
            "smtps://mail.example",
            "http://x",
            "smtp://",
            "smtp://h:port",
            "smtp://u:p@h:25",
            "smtp://h:25/x",
            "smtp://h:70000",
        ] {
            assert!(parse_smtp_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_sender_needs_an_address() {
        assert!(SmtpSender::new("smtp://127.0.0.1:2525", "Veldwerk <berichten@x.example>").is_ok());
        assert!(SmtpSender::new("smtp://127.0.0.1:2525", "niet een adres").is_err());
    }
}

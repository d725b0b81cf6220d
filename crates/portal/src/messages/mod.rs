//! Sending the messages technicians record (`veldwerk_core::messages::MessageRecord`, pushed
//! as records of type `message`): to the resident (the record's address) or to the
//! resident's municipality (the e-mail address the portal keeps for it).
//!
//! A [`MessageSender`] sends one message, or hands it to the office: [`SmtpSender`] sends
//! e-mail through an SMTP server (lettre); [`OfficeSender`] leaves the message waiting for
//! the office to send it by hand (letters, text messages, and e-mail when no SMTP server is
//! configured). [`Senders`] says which sender takes which channel.
//!
//! The portal writes messages of its own too ([`own`]: appointment confirmations and
//! complaint letters), stored beside the pushed records in `portal_messages` with the same
//! delivery rows; [`run`] writes those that are due before each round of sending.
//!
//! [`send_pending_once`] claims the messages that are due (one IMMEDIATE transaction), sends
//! them, and records each outcome: sent, waiting for the office, tried again later (a
//! passing failure: the server unreachable, an SMTP 4xx; with backoff, up to
//! [`MAX_ATTEMPTS`]) or failed (an SMTP 5xx, no address, too many attempts). The server runs
//! it every few seconds ([`run`]); tests call it directly. The e-mail's Message-ID is the
//! message's id, so should a sender stop between the server's answer and recording it, the
//! second copy is recognisable as the same message; a message recorded as sent is never
//! taken again.

mod office;
pub mod own;
mod send;
mod smtp;

pub use office::OfficeSender;
pub use own::{write_due_messages, Supplier, WrittenReport};
pub use send::{backoff, run, send_pending_once, write_due_once, SendReport, HOLD, MAX_ATTEMPTS};
pub use smtp::{parse_smtp_url, SmtpSender};

use chrono::{DateTime, Utc};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use uuid::Uuid;
use veldwerk_core::messages::{Channel, Language};
use veldwerk_core::Localized;

/// One message as it goes out, its address resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// The message record's id (the e-mail's Message-ID).
    pub id: Uuid,
    pub channel: Channel,
    /// An e-mail address, a phone number or a postal address on one line.
    pub to: String,
    /// The person or body it is for, when known (the e-mail's To name).
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub language: Language,
    /// When it is sent (the portal's clock).
    pub date: DateTime<Utc>,
}

/// What became of a message a sender took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Handed to the mail server.
    Sent,
    /// Left for the office to send by hand.
    Office,
}

/// Why a message was not sent, in both languages, and whether trying again may help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendError {
    /// The server was unreachable or answered 4xx: try again later.
    pub transient: bool,
    pub message: Localized,
}

impl SendError {
    pub fn transient(nl: impl Into<String>, en: impl Into<String>) -> SendError {
        SendError {
            transient: true,
            message: Localized::new(nl, en),
        }
    }

    pub fn permanent(nl: impl Into<String>, en: impl Into<String>) -> SendError {
        SendError {
            transient: false,
            message: Localized::new(nl, en),
        }
    }
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<Delivery, SendError>> + Send + 'a>>;

/// Sends one message (or hands it over).
pub trait MessageSender: Send + Sync + 'static {
    fn send<'a>(&'a self, message: &'a Outgoing) -> SendFuture<'a>;
}

/// Which sender takes which channel.
#[derive(Clone)]
pub struct Senders {
    pub email: Arc<dyn MessageSender>,
    pub sms: Arc<dyn MessageSender>,
    pub letter: Arc<dyn MessageSender>,
}

impl Senders {
    /// Everything waits for the office.
    pub fn office_only() -> Senders {
        let office: Arc<dyn MessageSender> = Arc::new(OfficeSender);
        Senders {
            email: office.clone(),
            sms: office.clone(),
            letter: office,
        }
    }

    /// E-mail through the SMTP server at `smtp_url` (`smtp://host:port`) from `mail_from`
    /// when a server is given, else by the office; text messages and letters by the office.
    pub fn from_config(smtp_url: Option<&str>, mail_from: &str) -> Result<Senders, String> {
        let mut s = Senders::office_only();
        if let Some(url) = smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            s.email = Arc::new(SmtpSender::new(url, mail_from)?);
        }
        Ok(s)
    }

    pub fn for_channel(&self, channel: Channel) -> &dyn MessageSender {
        match channel {
            Channel::Email => self.email.as_ref(),
            Channel::Sms => self.sms.as_ref(),
            Channel::Letter => self.letter.as_ref(),
        }
    }
}

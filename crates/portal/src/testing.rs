//! For tests only (the portal's and the end-to-end tests): a real SMTP server, aiosmtpd
//! (Python) writing every mail it takes into a maildir, started as a child process on a free
//! loopback port and killed when dropped. The mails are read back with Python's own e-mail
//! parser, so headers and bodies are decoded by an implementation independent of lettre.
//! Test code: it panics on any failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Refuses some recipients: `onbekend@...` for good (550), `druk@...` for now (451).
const PICKY: &str = r#"
from aiosmtpd.handlers import Mailbox


class Picky(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("onbekend@"):
            return "550 5.1.1 No such mailbox here"
        if address.startswith("druk@"):
            return "451 4.3.0 Too busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
"#;

/// Every mail in a maildir as JSON: the decoded headers, body and whether the raw text is
/// plain ASCII (headers encoded as RFC 2047, the body as quoted-printable or base64).
const READ_MAILDIR: &str = r#"
import email, email.policy, json, pathlib, sys
out = []
for sub in ("new", "cur"):
    d = pathlib.Path(sys.argv[1]) / sub
    if not d.is_dir():
        continue
    for f in sorted(d.iterdir()):
        raw = f.read_bytes()
        m = email.message_from_bytes(raw, policy=email.policy.default)
        to = m["To"].addresses[0]
        out.append({
            "to_name": to.display_name, "to": to.addr_spec, "from": str(m["From"]),
            "subject": str(m["Subject"]), "message_id": str(m["Message-ID"]),
            "rcpt": str(m.get("X-RcptTo", "")), "language": str(m.get("Content-Language", "")),
            "content_type": m.get_content_type(), "charset": m.get_content_charset(),
            "body": m.get_content(), "ascii": all(b < 128 for b in raw),
        })
print(json.dumps(out))
"#;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct SmtpServer {
    pub port: u16,
    child: Child,
    dir: TempDir,
}

impl SmtpServer {
    /// aiosmtpd's Mailbox handler on `port`.
    pub fn start(port: u16) -> SmtpServer {
        SmtpServer::run(port, "aiosmtpd.handlers.Mailbox")
    }

    /// A Mailbox that refuses some recipients (see [`PICKY`]).
    pub fn start_picky(port: u16) -> SmtpServer {
        SmtpServer::run(port, "veldwerk_picky.Picky")
    }

    fn run(port: u16, handler: &str) -> SmtpServer {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("veldwerk_picky.py"), PICKY).unwrap();
        let log = std::fs::File::create(dir.path().join("smtpd.log")).unwrap();
        let maildir = dir.path().join("maildir");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", handler])
            .arg(&maildir)
            .env("PYTHONPATH", dir.path())
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("python3 with aiosmtpd (scripts/setup.sh installs it)");
        let mut server = SmtpServer { port, child, dir };
        server.wait_until_listening();
        server
    }

    fn wait_until_listening(&mut self) {
        let addr: SocketAddr = format!("127.0.0.1:{}", self.port).parse().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "aiosmtpd ended ({status}) before it listened: {}",
                    self.log()
                );
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd does not listen on {addr}: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("smtpd.log")).unwrap_or_default()
    }

    pub fn url(&self) -> String {
        url(self.port)
    }

    /// The mails taken so far, decoded by Python's e-mail package.
    pub fn mails(&self) -> Vec<Value> {
        let maildir = self.dir.path().join("maildir");
        if !maildir.exists() {
            return Vec::new();
        }
        let out = Command::new("python3")
            .args(["-c", READ_MAILDIR])
            .arg(&maildir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        match serde_json::from_slice::<Value>(&out.stdout).unwrap() {
            Value::Array(v) => v,
            other => panic!("{other}"),
        }
    }
}

pub fn url(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}")
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

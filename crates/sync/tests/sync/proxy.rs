//! A fault-injecting HTTP/1.1 proxy between the client and the portal, at the TCP level. Each
//! request the client sends takes the next fault of a schedule (then passes): the request or
//! the answer dropped or reset, delayed (beyond the client's time-out), cut off half-way,
//! sent twice at once, held back and delivered after a later request, or answered 5xx or 429
//! by the proxy (before or after the portal did the work). One request per connection.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Pass,
    /// The connection is closed before the request reaches the portal.
    DropRequest,
    /// The connection is reset (RST) before the request reaches the portal.
    ResetRequest,
    /// The portal does the work; the answer is lost (connection closed).
    DropResponse,
    /// The portal does the work; the connection is reset instead of answering.
    ResetResponse,
    /// The request waits this long (ms) before it goes on.
    DelayRequest(u64),
    /// The answer waits this long (ms).
    DelayResponse(u64),
    /// Only this share (per mille) of the request reaches the portal, then the line drops.
    TruncateRequest(u16),
    /// Only this share (per mille) of the answer reaches the client, then the line drops.
    TruncateResponse(u16),
    /// The request reaches the portal twice at once; the client gets one answer.
    Duplicate,
    /// The request is held back and reaches the portal after the next one; the client gets no
    /// answer.
    Reorder,
    /// The proxy answers this status without asking the portal.
    Status(u16),
    /// The portal does the work; the client gets this status instead of its answer.
    StatusAfter(u16),
    /// 429 with `Retry-After` (seconds), without asking the portal.
    TooMany(u64),
}

pub struct Proxy {
    pub addr: SocketAddr,
    faults: Arc<Mutex<VecDeque<Fault>>>,
    pub log: Arc<Mutex<Vec<(String, Fault)>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    pub fn url(&self) -> reqwest::Url {
        veldwerk_sync::client::portal_url(&format!("http://{}", self.addr)).unwrap()
    }

    pub fn set_faults(&self, faults: impl IntoIterator<Item = Fault>) {
        *self.faults.lock().unwrap() = faults.into_iter().collect();
    }

    pub fn faults_left(&self) -> usize {
        self.faults.lock().unwrap().len()
    }
}

struct Shared {
    upstream: SocketAddr,
    faults: Arc<Mutex<VecDeque<Fault>>>,
    log: Arc<Mutex<Vec<(String, Fault)>>>,
    held: Mutex<Option<Vec<u8>>>,
}

pub async fn start(upstream: SocketAddr, faults: Vec<Fault>) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let faults = Arc::new(Mutex::new(VecDeque::from(faults)));
    let log = Arc::new(Mutex::new(Vec::new()));
    let shared = Arc::new(Shared {
        upstream,
        faults: faults.clone(),
        log: log.clone(),
        held: Mutex::new(None),
    });
    let task = tokio::spawn(async move {
        loop {
            let Ok((conn, _)) = listener.accept().await else {
                continue;
            };
            let s = shared.clone();
            tokio::spawn(async move {
                let _ = handle(s, conn).await;
            });
        }
    });
    Proxy {
        addr,
        faults,
        log,
        task,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads one request (head and Content-Length body); None when the client went away.
async fn read_request(conn: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(rewrite_connection(&buf)))
}

/// Replaces any Connection header by `Connection: close` (one exchange per connection).
fn rewrite_connection(msg: &[u8]) -> Vec<u8> {
    let Some(end) = find(msg, b"\r\n\r\n") else {
        return msg.to_vec();
    };
    let head = String::from_utf8_lossy(&msg[..end]);
    let mut out = String::new();
    for line in head.split("\r\n") {
        if line.to_ascii_lowercase().starts_with("connection:") {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("connection: close\r\n\r\n");
    let mut v = out.into_bytes();
    v.extend_from_slice(&msg[end + 4..]);
    v
}

/// Sends a request to the portal and reads its whole answer (the portal closes after it).
async fn forward(upstream: SocketAddr, request: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut up = TcpStream::connect(upstream).await?;
    up.write_all(request).await?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer).await?;
    Ok(answer)
}

fn canned(status: u16, extra: &str) -> Vec<u8> {
    let body = format!(
        "{{\"code\":\"proxy_{status}\",\"message\":{{\"nl\":\"proxy\",\"en\":\"proxy\"}}}}"
    );
    format!(
        "HTTP/1.1 {status} Proxy\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{extra}connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn reset(conn: TcpStream) {
    let _ = conn.set_zero_linger();
    drop(conn);
}

async fn reply(conn: &mut TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    let bytes = rewrite_connection(bytes);
    conn.write_all(&bytes).await?;
    conn.shutdown().await
}

async fn handle(s: Arc<Shared>, mut conn: TcpStream) -> std::io::Result<()> {
    let Some(request) = read_request(&mut conn).await? else {
        return Ok(());
    };
    let fault = s.faults.lock().unwrap().pop_front().unwrap_or(Fault::Pass);
    let line =
        String::from_utf8_lossy(&request[..find(&request, b"\r\n").unwrap_or(0)]).to_string();
    s.log.lock().unwrap().push((line, fault));
    // A request held back goes on after this one.
    let held = s.held.lock().unwrap().take();
    let result = serve(&s, &mut conn, request, fault).await;
    if let Some(h) = held {
        let upstream = s.upstream;
        tokio::spawn(async move {
            let _ = forward(upstream, &h).await;
        });
    }
    match result {
        Ok(Some(c)) if c => {
            reset(conn);
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Returns Some(true) when the connection must be reset.
async fn serve(
    s: &Shared,
    conn: &mut TcpStream,
    request: Vec<u8>,
    fault: Fault,
) -> std::io::Result<Option<bool>> {
    let up = s.upstream;
    match fault {
        Fault::Pass => reply(conn, &forward(up, &request).await?).await?,
        Fault::DropRequest => {}
        Fault::ResetRequest => return Ok(Some(true)),
        Fault::DropResponse => {
            forward(up, &request).await?;
        }
        Fault::ResetResponse => {
            forward(up, &request).await?;
            return Ok(Some(true));
        }
        Fault::DelayRequest(ms) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            reply(conn, &forward(up, &request).await?).await?
        }
        Fault::DelayResponse(ms) => {
            let answer = forward(up, &request).await?;
            tokio::time::sleep(Duration::from_millis(ms)).await;
            reply(conn, &answer).await?
        }
        Fault::TruncateRequest(per_mille) => {
            let cut = request.len() * usize::from(per_mille.min(999)) / 1000;
            if let Ok(mut u) = TcpStream::connect(up).await {
                let _ = u.write_all(&request[..cut]).await;
                tokio::time::sleep(Duration::from_millis(20)).await;
                let _ = u.set_zero_linger();
            }
        }
        Fault::TruncateResponse(per_mille) => {
            let answer = rewrite_connection(&forward(up, &request).await?);
            let cut = answer.len() * usize::from(per_mille.min(999)) / 1000;
            conn.write_all(&answer[..cut]).await?;
            return Ok(Some(true));
        }
        Fault::Duplicate => {
            let (a, b) = tokio::join!(forward(up, &request), forward(up, &request));
            let answer = b.or(a)?;
            reply(conn, &answer).await?
        }
        Fault::Reorder => {
            *s.held.lock().unwrap() = Some(request);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Fault::Status(code) => reply(conn, &canned(code, "")).await?,
        Fault::StatusAfter(code) => {
            forward(up, &request).await?;
            reply(conn, &canned(code, "")).await?
        }
        Fault::TooMany(secs) => {
            reply(conn, &canned(429, &format!("retry-after: {secs}\r\n"))).await?
        }
    }
    Ok(None)
}

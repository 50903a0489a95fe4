//! The HTTP/1.1 front end: a fixed set of connection threads fed by a
//! bounded queue, with a deadline on every request head, so that slow or
//! malformed clients cannot hold the server. (tiny_http reads request heads
//! on a thread per connection with no timeout and no bound: fifty idle
//! sockets meant fifty threads parked forever.)
//!
//! Each connection is served by one thread at a time: the head must arrive
//! within [`Limits::head`], an idle keep-alive connection is closed after
//! [`Limits::idle`], and heads over 16 KiB are refused. When every thread
//! is busy, new connections wait in the queue; when the queue is full they
//! get `503` at once.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{sync_channel, Receiver, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::http::{respond, Reply, ServeState};

/// How much the server lets clients take.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connection threads.
    pub threads: usize,
    /// Connections waiting for a thread.
    pub queue: usize,
    /// Time for a request head to arrive once its first byte has.
    pub head: Duration,
    /// Time a connection may sit without starting a request.
    pub idle: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            threads: 64,
            queue: 256,
            head: Duration::from_secs(10),
            idle: Duration::from_secs(5),
        }
    }
}

const MAX_HEAD: usize = 16 * 1024;

/// Serves `listener` until the process ends.
pub fn serve(listener: TcpListener, state: Arc<ServeState>, limits: Limits) {
    let (tx, rx) = sync_channel::<TcpStream>(limits.queue.max(1));
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..limits.threads.max(1) {
        let rx = rx.clone();
        let state = state.clone();
        let limits = limits.clone();
        std::thread::spawn(move || worker(&rx, &state, &limits));
    }
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            match tx.try_send(stream) {
                Ok(()) => {}
                Err(TrySendError::Full(mut stream)) => {
                    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
                    let _ = stream.write_all(
                        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n",
                    );
                }
                Err(TrySendError::Disconnected(_)) => return,
            }
        }
    });
}

fn worker(rx: &Mutex<Receiver<TcpStream>>, state: &ServeState, limits: &Limits) {
    loop {
        let stream = {
            let rx = rx.lock().unwrap_or_else(|e| e.into_inner());
            rx.recv()
        };
        let Ok(stream) = stream else { return };
        let _ = connection(stream, state, limits);
    }
}

/// A parsed request head.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    pub keep_alive: bool,
    /// The request has a body (which is not read: the connection closes).
    pub body: bool,
}

/// Parses a request head (without its final blank line). `Err` holds the
/// status to answer with.
pub fn parse_head(head: &[u8]) -> Result<Head, u16> {
    let text = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(400);
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(505),
    };
    if target.is_empty() || target.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(400);
    }
    let mut keep_alive = http11;
    let mut body = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(400);
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" => {
                let v = value.to_ascii_lowercase();
                if v.contains("close") {
                    keep_alive = false;
                } else if v.contains("keep-alive") {
                    keep_alive = true;
                }
            }
            "content-length" => body |= value != "0",
            "transfer-encoding" => body = true,
            _ => {}
        }
    }
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive: keep_alive && !body,
        body,
    })
}

/// Serves one connection's requests until it closes, idles out or errs.
fn connection(mut stream: TcpStream, state: &ServeState, limits: &Limits) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(limits.head))?;
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    loop {
        let head = match read_head(&mut stream, &mut buf, limits)? {
            Some(Ok(head)) => head,
            Some(Err(status)) => {
                let reply = Reply::text(status, &format!("{}\n", reason(status)));
                return write_reply(&mut stream, &reply, false, false);
            }
            None => return Ok(()),
        };
        let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            respond(state, &head.method, &head.target)
        }))
        .unwrap_or_else(|_| Reply::text(500, "Internal Server Error\n"));
        write_reply(&mut stream, &reply, head.method == "HEAD", head.keep_alive)?;
        if !head.keep_alive {
            return Ok(());
        }
    }
}

/// Reads the next request head into `buf` (which may already hold
/// pipelined bytes). `None` when the client closed or idled out.
fn read_head(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    limits: &Limits,
) -> std::io::Result<Option<Result<Head, u16>>> {
    let mut deadline = Instant::now()
        + if buf.is_empty() {
            limits.idle
        } else {
            limits.head
        };
    let mut started = !buf.is_empty();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = find(buf, b"\r\n\r\n") {
            let head = parse_head(&buf[..end]);
            buf.drain(..end + 4);
            return Ok(Some(head));
        }
        if buf.len() > MAX_HEAD {
            return Ok(Some(Err(431)));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                if !started {
                    started = true;
                    deadline = Instant::now() + limits.head;
                }
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Ok(None)
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// Writes a reply with Jekyll's no-cache headers.
fn write_reply(
    stream: &mut TcpStream,
    reply: &Reply,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: private, max-age=0, proxy-revalidate, no-store, no-cache, must-revalidate\r\nServer: hyde\r\nConnection: {}\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len(),
        if keep_alive { "keep-alive" } else { "close" },
    );
    if let Some(location) = &reply.location {
        // Never let a path smuggle a header.
        if !location.contains(['\r', '\n']) {
            out.push_str(&format!("Location: {location}\r\n"));
        }
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&reply.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_heads() {
        let h = parse_head(b"GET /a?b HTTP/1.1\r\nHost: x").unwrap();
        assert_eq!(
            h,
            Head {
                method: "GET".into(),
                target: "/a?b".into(),
                keep_alive: true,
                body: false
            }
        );
        assert!(!parse_head(b"GET / HTTP/1.0").unwrap().keep_alive);
        assert!(
            parse_head(b"GET / HTTP/1.0\r\nConnection: Keep-Alive")
                .unwrap()
                .keep_alive
        );
        assert!(
            !parse_head(b"GET / HTTP/1.1\r\nConnection: close")
                .unwrap()
                .keep_alive
        );
        let post = parse_head(b"POST / HTTP/1.1\r\nContent-Length: 5").unwrap();
        assert!(post.body && !post.keep_alive);
        for (bad, status) in [
            (&b"GET /"[..], 400),
            (b"GET / HTTP/1.1 extra", 400),
            (b"get / HTTP/1.1", 400),
            (b"GET / HTTP/2.0", 505),
            (b"GET /a\0b HTTP/1.1", 400),
            (b"GET / HTTP/1.1\r\nno colon", 400),
            (b"\xff / HTTP/1.1", 400),
        ] {
            assert_eq!(parse_head(bad), Err(status), "{bad:?}");
        }
    }
}

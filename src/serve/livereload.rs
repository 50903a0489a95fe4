//! The LiveReload protocol (official-7), as Jekyll's `--livereload` and the
//! browser extensions speak it: a WebSocket at `/livereload` on its own
//! port, `hello` answered with `hello`, then `reload` commands with the
//! changed paths (`liveCSS` lets a stylesheet change swap stylesheets
//! without reloading the page) and `alert` for a failed rebuild. The same
//! port serves `/livereload.js`, a small client written for hyde.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const PROTOCOL: &str = "http://livereload.com/protocols/official-7";
const MAX_CLIENTS: usize = 64;

/// The browser side: connects, says hello, reloads (or swaps stylesheets),
/// shows `alert`s as an overlay, and reconnects if the server restarts.
pub const CLIENT_JS: &str = r#"(function () {
  var me = document.currentScript;
  var src = me ? new URL(me.src, location.href) : new URL(location.href);
  var port = src.searchParams.get('port') || src.port || '35729';
  var host = src.hostname || location.hostname;
  var url = 'ws://' + host + ':' + port + '/livereload';
  var wasOpen = false, delay = 250;
  function overlay(message) {
    var el = document.getElementById('hyde-error-overlay');
    if (!message) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement('div');
      el.id = 'hyde-error-overlay';
      el.style.cssText = 'position:fixed;z-index:2147483647;top:0;left:0;right:0;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#300;color:#fdd;font:13px/1.4 monospace;white-space:pre-wrap';
      (document.body || document.documentElement).appendChild(el);
    }
    el.textContent = 'hyde: the last rebuild failed; serving the last good site.\n\n' + message;
  }
  function swapCss() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href, location.href);
      u.searchParams.set('livereload', Date.now());
      links[i].href = u.href;
    }
  }
  function connect() {
    var ws;
    try { ws = new WebSocket(url); } catch (e) { return retry(); }
    ws.onopen = function () {
      ws.send(JSON.stringify({ command: 'hello', protocols: ['PROTOCOL'] }));
      if (wasOpen) location.reload();
      wasOpen = true; delay = 250;
      window.hydeLiveReloadOpen = true;
    };
    ws.onmessage = function (event) {
      var msg; try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.command === 'reload') {
        if (msg.liveCSS && /\.css$/i.test(msg.path || '')) swapCss();
        else location.reload();
      } else if (msg.command === 'alert') {
        overlay(msg.message);
      }
    };
    ws.onclose = function () { window.hydeLiveReloadOpen = false; retry(); };
  }
  function retry() { setTimeout(connect, delay); delay = Math.min(delay * 2, 2000); }
  connect();
})();
"#;

/// The connected browsers.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<TcpStream>>,
    connections: AtomicUsize,
}

impl Hub {
    /// Tells every browser to reload `paths` (site paths, `/about/`).
    pub fn reload(&self, paths: &[String]) {
        // Past a handful of paths a page reload is what happens anyway.
        let css_only = !paths.is_empty() && paths.iter().all(|p| p.ends_with(".css"));
        let paths: Vec<&String> = if css_only || paths.len() <= 8 {
            paths.iter().collect()
        } else {
            Vec::new()
        };
        if paths.is_empty() {
            self.broadcast(&reload_message("/"));
        }
        for p in paths {
            self.broadcast(&reload_message(p));
        }
    }

    /// Shows a failed rebuild's message in every browser.
    pub fn alert(&self, message: &str) {
        self.broadcast(&format!(
            "{{\"command\":\"alert\",\"message\":{}}}",
            json_string(message)
        ));
    }

    pub fn client_count(&self) -> usize {
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    fn broadcast(&self, text: &str) {
        let frame = frame(0x1, text.as_bytes());
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain_mut(|c| c.write_all(&frame).is_ok());
    }
}

fn reload_message(path: &str) -> String {
    format!(
        "{{\"command\":\"reload\",\"path\":{},\"liveCSS\":true,\"liveImg\":true}}",
        json_string(path)
    )
}

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Accepts connections on `listener` until the process ends.
pub fn serve(listener: TcpListener, hub: Arc<Hub>) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            if hub.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CLIENTS {
                hub.connections.fetch_sub(1, Ordering::SeqCst);
                continue;
            }
            let hub = hub.clone();
            std::thread::spawn(move || {
                let _ = connection(stream, &hub);
                hub.connections.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
}

/// One connection: `GET /livereload.js`, or a WebSocket upgrade kept open
/// (reading the client's frames) until the client leaves.
fn connection(stream: TcpStream, hub: &Hub) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(2)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.by_ref().take(8192).read_line(&mut request_line)?;
    let mut key = None;
    let mut upgrade = false;
    for _ in 0..100 {
        let mut line = String::new();
        if reader.by_ref().take(8192).read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            match name.as_str() {
                "sec-websocket-key" => key = Some(value.to_string()),
                "upgrade" => upgrade = value.eq_ignore_ascii_case("websocket"),
                _ => {}
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or("");
    let mut out = stream;
    match (method, path, upgrade, key) {
        ("GET", "/livereload", true, Some(key)) => {
            let accept = base64(&sha1(
                format!("{key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11").as_bytes(),
            ));
            write!(
                out,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            )?;
            out.set_read_timeout(None)?;
            reader.get_ref().set_read_timeout(None)?;
            hub.clients
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(out.try_clone()?);
            read_frames(&mut reader, &mut out)
        }
        ("GET", "/livereload.js", _, _) => {
            let body = CLIENT_JS.replace("PROTOCOL", PROTOCOL);
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: application/javascript; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
        }
        _ => write!(
            out,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    }
}

/// Reads client frames: answers `hello`, pings, and close.
fn read_frames(reader: &mut impl Read, out: &mut TcpStream) -> std::io::Result<()> {
    loop {
        let mut head = [0u8; 2];
        reader.read_exact(&mut head)?;
        let opcode = head[0] & 0x0f;
        let masked = head[1] & 0x80 != 0;
        let mut len = (head[1] & 0x7f) as u64;
        if len == 126 {
            let mut b = [0u8; 2];
            reader.read_exact(&mut b)?;
            len = u16::from_be_bytes(b) as u64;
        } else if len == 127 {
            let mut b = [0u8; 8];
            reader.read_exact(&mut b)?;
            len = u64::from_be_bytes(b);
        }
        if len > 1 << 20 {
            return Ok(());
        }
        let mut mask = [0u8; 4];
        if masked {
            reader.read_exact(&mut mask)?;
        }
        let mut payload = vec![0u8; len as usize];
        reader.read_exact(&mut payload)?;
        if masked {
            for (i, b) in payload.iter_mut().enumerate() {
                *b ^= mask[i % 4];
            }
        }
        match opcode {
            0x1 => {
                let text = String::from_utf8_lossy(&payload);
                if text.contains("\"hello\"") {
                    let hello = format!(
                        "{{\"command\":\"hello\",\"protocols\":[\"{PROTOCOL}\"],\"serverName\":\"hyde\"}}"
                    );
                    out.write_all(&frame(0x1, hello.as_bytes()))?;
                }
            }
            0x8 => {
                let _ = out.write_all(&frame(0x8, &payload[..payload.len().min(2)]));
                return Ok(());
            }
            0x9 => out.write_all(&frame(0xA, &payload))?,
            _ => {}
        }
    }
}

/// A single unmasked server frame.
pub fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(payload.len() + 10);
    f.push(0x80 | opcode);
    match payload.len() {
        n if n < 126 => f.push(n as u8),
        n if n <= 0xffff => {
            f.push(126);
            f.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            f.push(127);
            f.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    f.extend_from_slice(payload);
    f
}

/// SHA-1, for the WebSocket handshake only.
pub fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handshake_accept_key() {
        // RFC 6455's example.
        let accept = base64(&sha1(
            b"dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
        ));
        assert_eq!(accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"a"), "YQ==");
    }

    #[test]
    fn frames_and_json() {
        assert_eq!(frame(1, b"hi"), vec![0x81, 2, b'h', b'i']);
        assert_eq!(frame(1, &[0; 300])[..4], [0x81, 126, 1, 44]);
        assert_eq!(json_string("a\"b\n<"), "\"a\\\"b\\n<\"");
    }
}

//! The scripted HTTP/1.1 server the client tests talk to: each request gets the next canned reply
//! (a status line, headers, a body, or no answer at all), and every request head is recorded.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the scripted server does with one request.
#[derive(Clone)]
pub enum Reply {
    /// Answer with this status line, extra headers and body.
    Answer {
        status: &'static str,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Read the request and never answer.
    Hang,
}

pub fn json(status: &'static str, body: &str) -> Reply {
    Reply::Answer {
        status,
        headers: vec![("Content-Type", "application/json".into())],
        body: body.into(),
    }
}

/// A one-script HTTP/1.1 server on a free loopback port. The n-th request gets the n-th reply (the last
/// one repeats). It records each request's head so tests can check what was sent.
pub struct ScriptedServer {
    pub base_url: String,
    requests: Arc<AtomicUsize>,
    pub heads: Arc<std::sync::Mutex<Vec<String>>>,
}

impl ScriptedServer {
    pub async fn start(script: Vec<Reply>) -> ScriptedServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(AtomicUsize::new(0));
        let heads = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (counter, seen) = (requests.clone(), heads.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (script, counter, seen) = (script.clone(), counter.clone(), seen.clone());
                tokio::spawn(async move { serve_connection(stream, script, counter, seen).await });
            }
        });
        ScriptedServer {
            base_url: format!("http://{addr}"),
            requests,
            heads,
        }
    }

    pub fn request_count(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

async fn serve_connection(
    mut stream: TcpStream,
    script: Vec<Reply>,
    counter: Arc<AtomicUsize>,
    seen: Arc<std::sync::Mutex<Vec<String>>>,
) {
    loop {
        let Some(head) = read_request(&mut stream).await else {
            return;
        };
        let index = counter.fetch_add(1, Ordering::SeqCst);
        seen.lock().expect("heads lock").push(head);
        match script[index.min(script.len() - 1)].clone() {
            Reply::Hang => {
                // Hold the connection open without answering until the client gives up.
                let mut sink = [0u8; 64];
                while let Ok(n) = stream.read(&mut sink).await {
                    if n == 0 {
                        return;
                    }
                }
                return;
            }
            Reply::Answer {
                status,
                headers,
                body,
            } => {
                let mut response =
                    format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
                for (name, value) in headers {
                    response.push_str(&format!("{name}: {value}\r\n"));
                }
                response.push_str("\r\n");
                response.push_str(&body);
                if stream.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Reads one request (head and Content-Length body); None when the peer closed.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_string();
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_string())
                })
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            while buffer.len() < end + 4 + length {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            return Some(head);
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

//! Connections: sockets opened and left idle — silent, or stopped half-way through a request's
//! headers — are closed after the idle timeout, and never stop a normal request being served.

use std::time::Duration;

use reqwest::Method;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{call, start_with};

/// Reads until the server closes the connection (EOF or reset), for at most `limit`.
async fn closed_within(mut socket: TcpStream, limit: Duration) -> bool {
    let mut buffer = [0u8; 1024];
    tokio::time::timeout(limit, async {
        loop {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test]
async fn idle_sockets_are_closed_and_never_stop_a_request() {
    let sim = start_with(|o| o.idle_timeout = Duration::from_millis(500)).await;
    let mut idle = Vec::new();
    for n in 0..300 {
        let mut socket = TcpStream::connect(sim.addr()).await.expect("connects");
        if n % 3 == 0 {
            // Half a request, never finished.
            socket
                .write_all(b"GET /api/contact?uid=ABC12345 HTTP/1.1\r\nHost: x\r\n")
                .await
                .unwrap();
        }
        idle.push(socket);
    }
    let answer = call(Method::GET, "/api/contact?uid=ABC12345")
        .send(&sim)
        .await;
    assert_eq!(answer.status, 200, "served with 300 idle sockets open");
    let waits: Vec<_> = idle
        .into_iter()
        .map(|socket| tokio::spawn(closed_within(socket, Duration::from_secs(20))))
        .collect();
    for wait in waits {
        assert!(wait.await.unwrap(), "an idle socket was left open");
    }
    let again = call(Method::GET, "/api/contact?uid=XYZ67890")
        .send(&sim)
        .await;
    assert_eq!(again.status, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_kept_alive_connection_is_closed_once_idle_but_not_while_answered() {
    let sim = start_with(|o| o.idle_timeout = Duration::from_millis(400)).await;
    let mut socket = TcpStream::connect(sim.addr()).await.unwrap();
    let request = "GET /api/contact?uid=ABC12345 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-token\r\n\r\n";
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&answer).contains("\"lastUpdate\"") {
        let read = socket.read(&mut buffer).await.unwrap();
        assert!(read > 0, "closed before answering");
        answer.extend_from_slice(&buffer[..read]);
    }
    assert!(answer.starts_with(b"HTTP/1.1 200"));
    // Kept alive after the answer, then closed once it has been idle for the timeout.
    assert!(closed_within(socket, Duration::from_secs(20)).await);
    sim.shutdown().await;
}

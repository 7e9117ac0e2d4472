//! Accepting connections and speaking HTTP/1.1 on them. A connection must send a request's headers
//! within the idle timeout — the first request's and every later one's on a kept-alive connection —
//! or it is closed, so sockets opened and left idle cannot pile up until the simulator runs out of
//! descriptors. A request being answered is never cut short by it (a hung request under a `hang`
//! fault waits as long as the fault holds).

use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// How long to wait before accepting again after `accept` failed (out of descriptors, say), so a
/// failing accept does not spin.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// Serves `app` on `listener` until `stop` turns true (or its sender is dropped); then stops
/// accepting, closes idle connections and waits for the answers in flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    idle_timeout: Duration,
    mut stop: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(idle_timeout)
        .keep_alive(true);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|stop| *stop) => break,
        };
        let stream = match accepted {
            Ok((stream, _peer)) => stream,
            Err(error) => {
                tracing::warn!(%error, "the simulator cannot accept a connection");
                tokio::select! {
                    _ = tokio::time::sleep(ACCEPT_RETRY) => continue,
                    _ = stop.wait_for(|stop| *stop) => break,
                }
            }
        };
        // Answers are small and a client waits for each: send them at once.
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::trace!(%error, "a simulator connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

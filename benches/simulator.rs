//! The simulator's index alone (in-process, by uid, email and phone at 1k, 100k and 1M contacts),
//! then the simulator under load, over real HTTP against `genius serve` processes: GET by uid, email and
//! phone at 1k, 100k and 1M contacts; throughput at 32 concurrent connections, the demo account
//! against 100k contacts; a small lookup while other clients keep fetching a 7 MB contact or keep
//! writing with `--state`; and a write (a note) with `--state` at 100k contacts. With
//! `GENIUS_BEFORE_BIN=path/to/an/older/genius`, the same measurements at 100k and of the demo are
//! taken from that binary too, side by side in the same run. Speed goals live here and in
//! BENCHMARKS.md, never in timed tests.
//!
//! Accounts are generated in-process (deterministic) and cached as files under
//! `target/bench-accounts/`.
// Measurement code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use support::{
    BENCH_TOKEN, Load, SIZES, Server, account_file, binaries, demo_lookups, lookups, uid,
};

/// The index alone, in-process: finding a contact by uid, email and phone, no HTTP around it.
fn index_lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("index");
    for (count, size) in SIZES {
        let file = support::generated_account(count, false);
        let contacts = file.accounts.into_iter().flat_map(|a| a.contacts);
        let index = genius::sim::contacts::ContactIndex::from_records(contacts);
        let mut rng = fastrand::Rng::with_seed(3);
        let picks: Vec<usize> = (0..4096).map(|_| rng.usize(..count)).collect();
        let keys: Vec<(String, String, String)> = picks
            .iter()
            .map(|&n| (uid(n), support::email(n), support::phone(n)))
            .collect();
        let mut next = 0;
        group.bench_function(BenchmarkId::new("uid", size), |b| {
            b.iter(|| {
                next = (next + 1) % keys.len();
                assert!(index.by_uid(&keys[next].0).is_some());
            })
        });
        group.bench_function(BenchmarkId::new("email", size), |b| {
            b.iter(|| {
                next = (next + 1) % keys.len();
                assert_eq!(index.by_email(&keys[next].1).len(), 1);
            })
        });
        group.bench_function(BenchmarkId::new("phone", size), |b| {
            b.iter(|| {
                next = (next + 1) % keys.len();
                assert_eq!(index.by_phone(&keys[next].2).len(), 1);
            })
        });
    }
    group.finish();
}

fn lookup_cost(c: &mut Criterion) {
    let load = Load::new();
    let mut group = c.benchmark_group("lookup");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4));
    for (label, bin) in binaries() {
        for (count, size) in SIZES {
            // The older simulator scans every contact: at a million that is minutes per run.
            if label == "before" && count != 100_000 {
                continue;
            }
            let server = Server::start(&bin, Some(&account_file(count, false)), None);
            for field in ["uid", "email", "phone"] {
                let queries = lookups(count, field);
                let mut next = 0;
                group.bench_function(BenchmarkId::new(format!("{label}/{field}"), size), |b| {
                    b.iter(|| {
                        next = (next + 1) % queries.len();
                        load.runtime
                            .block_on(load.get(&server, BENCH_TOKEN, &queries[next]))
                    })
                });
            }
        }
    }
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let load = Load::new();
    let mut group = c.benchmark_group("throughput");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(1));
    for (label, bin) in binaries() {
        let demo = Server::start(&bin, None, None);
        let queries = demo_lookups();
        group.bench_function(BenchmarkId::new(format!("{label}/phone"), "demo"), |b| {
            b.iter_custom(|iters| load.concurrent(&demo, genius::sim::DEMO_TOKEN, &queries, iters))
        });
        drop(demo);
        let big = Server::start(&bin, Some(&account_file(100_000, false)), None);
        let queries = lookups(100_000, "phone");
        group.bench_function(BenchmarkId::new(format!("{label}/phone"), "100k"), |b| {
            b.iter_custom(|iters| load.concurrent(&big, BENCH_TOKEN, &queries, iters))
        });
    }
    group.finish();
}

fn write_with_state(c: &mut Criterion) {
    let load = Load::new();
    let mut group = c.benchmark_group("write_with_state");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(6));
    for (label, bin) in binaries() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = dir.path().join("state.json");
        let server = Server::start(&bin, Some(&account_file(100_000, false)), Some(&state));
        let mut rng = fastrand::Rng::with_seed(11);
        group.bench_function(BenchmarkId::new(format!("{label}/note"), "100k"), |b| {
            b.iter(|| {
                let body =
                    serde_json::json!({"uid": uid(rng.usize(..100_000)), "note": "Bench note"});
                load.runtime.block_on(async {
                    let response = load
                        .http
                        .post(format!("{}/api/contact/note/add", server.url))
                        .bearer_auth(BENCH_TOKEN)
                        .json(&body)
                        .send()
                        .await
                        .expect("an answer");
                    assert!(response.status().is_success());
                    response.bytes().await.expect("a body");
                })
            })
        });
    }
    group.finish();
}

/// Small lookups by uid while other clients keep the server busy with `busy` (one of them per
/// background task, each looping until told to stop).
fn measure_beside(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    load: &Load,
    id: BenchmarkId,
    server: &Server,
    busy: Vec<reqwest::RequestBuilder>,
) {
    let queries = lookups(100_000, "uid");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let background: Vec<_> = busy
        .into_iter()
        .map(|request| {
            let stop = stop.clone();
            load.runtime.spawn(async move {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let Some(request) = request.try_clone() else {
                        return;
                    };
                    if let Ok(response) = request.send().await {
                        let _ = response.bytes().await;
                    }
                }
            })
        })
        .collect();
    let mut next = 0;
    group.bench_function(id, |b| {
        b.iter(|| {
            next = (next + 1) % queries.len();
            load.runtime
                .block_on(load.get(server, BENCH_TOKEN, &queries[next]))
        })
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for task in background {
        let _ = load.runtime.block_on(task);
    }
}

fn lookup_beside_busy_clients(c: &mut Criterion) {
    let load = Load::new();
    let mut group = c.benchmark_group("lookup_beside");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for (label, bin) in binaries() {
        // Another client keeps asking for a contact with a 7 MB history.
        let server = Server::start(&bin, Some(&account_file(100_000, true)), None);
        let huge = load
            .http
            .get(format!("{}/api/contact?uid={}", server.url, uid(0)))
            .bearer_auth(BENCH_TOKEN);
        let id = BenchmarkId::new(format!("{label}/huge_reply"), "100k");
        measure_beside(&mut group, &load, id, &server, vec![huge]);
        drop(server);

        // Two clients keep adding notes, with --state.
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = dir.path().join("state.json");
        let server = Server::start(&bin, Some(&account_file(100_000, false)), Some(&state));
        let writers = (1..=2)
            .map(|n| {
                load.http
                    .post(format!("{}/api/contact/note/add", server.url))
                    .bearer_auth(BENCH_TOKEN)
                    .json(&serde_json::json!({"uid": uid(n * 1000), "note": "Busy writer"}))
            })
            .collect();
        let id = BenchmarkId::new(format!("{label}/state_writes"), "100k");
        measure_beside(&mut group, &load, id, &server, writers);
    }
    group.finish();
}

criterion_group!(
    benches,
    index_lookup,
    lookup_cost,
    throughput,
    lookup_beside_busy_clients,
    write_with_state
);
criterion_main!(benches);

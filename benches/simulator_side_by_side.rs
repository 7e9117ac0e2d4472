//! The simulator's figures measured side by side, for BENCHMARKS.md: every server is started first,
//! then requests go to them in turn, round after round, so a machine busy with other work slows all
//! of them alike and the ratios stay honest. Prints a Markdown table of medians and 90th
//! percentiles and the ratios the goals are about:
//!
//! - GET by uid, email and phone at 1k, 100k and 1M contacts (flat: ≤ 1.2× from 1k to 1M);
//! - a note added with `--state` at 100k contacts (under 2 ms);
//! - throughput at 32 concurrent connections, 100k contacts against the demo (within 2×);
//! - with `GENIUS_BEFORE_BIN=path/to/an/older/genius`: the same at 100k from that binary.
//!
//! `cargo bench --bench simulator_side_by_side` (a few minutes; `ROUNDS=N` for more or fewer).
// Measurement code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use support::{
    BENCH_TOKEN, Load, SIZES, Server, account_file, binaries, demo_lookups, lookups, uid,
};

/// One thing measured: a request to send over and over.
struct Probe {
    name: String,
    server: usize,
    token: &'static str,
    request: Request,
    /// Rounds to skip between two measurements (the older simulator's slowest requests).
    every: usize,
    samples: Vec<Duration>,
}

enum Request {
    Get(Vec<String>),
    Note,
}

fn percentile(samples: &[Duration], fraction: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

fn millis(duration: Duration) -> String {
    format!("{:.3} ms", duration.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a filter we do not support.
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(400);
    let load = Load::new();
    let state_dir = tempfile::tempdir().expect("a temp dir");
    let mut servers: Vec<Server> = Vec::new();
    let mut probes: Vec<Probe> = Vec::new();
    let mut demos: Vec<(String, usize, usize)> = Vec::new();
    for (label, bin) in binaries() {
        let mut big = 0;
        for (count, size) in SIZES {
            if label == "before" && count != 100_000 {
                continue; // the older simulator scans every contact: a million takes too long
            }
            servers.push(Server::start(&bin, Some(&account_file(count, false)), None));
            if count == 100_000 {
                big = servers.len() - 1;
            }
            for field in ["uid", "email", "phone"] {
                probes.push(Probe {
                    name: format!("{label} GET by {field}, {size}"),
                    server: servers.len() - 1,
                    token: BENCH_TOKEN,
                    request: Request::Get(lookups(count, field)),
                    every: if label == "before" && field == "phone" {
                        4
                    } else {
                        1
                    },
                    samples: Vec::new(),
                });
            }
        }
        let state = state_dir.path().join(format!("{label}-state.json"));
        servers.push(Server::start(
            &bin,
            Some(&account_file(100_000, false)),
            Some(&state),
        ));
        probes.push(Probe {
            name: format!("{label} note added with --state, 100k"),
            server: servers.len() - 1,
            token: BENCH_TOKEN,
            request: Request::Note,
            every: if label == "before" { 20 } else { 1 },
            samples: Vec::new(),
        });
        servers.push(Server::start(&bin, None, None));
        demos.push((label.to_string(), servers.len() - 1, big));
    }

    let mut rng = fastrand::Rng::with_seed(5);
    for round in 0..rounds {
        let mut order: Vec<usize> = (0..probes.len()).collect();
        rng.shuffle(&mut order);
        for index in order {
            let probe = &mut probes[index];
            if round % probe.every != 0 {
                continue;
            }
            let server = &servers[probe.server];
            let started = Instant::now();
            match &probe.request {
                Request::Get(queries) => {
                    let query = &queries[round % queries.len()];
                    load.runtime.block_on(load.get(server, probe.token, query));
                }
                Request::Note => load.runtime.block_on(add_note(&load, server, round)),
            }
            probe.samples.push(started.elapsed());
        }
    }

    println!("| measured | median | p90 | samples |");
    println!("|---|---|---|---|");
    for probe in &probes {
        println!(
            "| {} | {} | {} | {} |",
            probe.name,
            millis(percentile(&probe.samples, 0.5)),
            millis(percentile(&probe.samples, 0.9)),
            probe.samples.len()
        );
    }
    let median = |name: &str| {
        probes
            .iter()
            .find(|p| p.name == name)
            .map(|p| percentile(&p.samples, 0.5).as_secs_f64())
    };
    println!();
    for field in ["uid", "email", "phone"] {
        if let (Some(small), Some(large)) = (
            median(&format!("after GET by {field}, 1k")),
            median(&format!("after GET by {field}, 1M")),
        ) {
            println!(
                "GET by {field}: 1M / 1k = {:.2}× (goal ≤ 1.2×)",
                large / small
            );
        }
        if let (Some(before), Some(after)) = (
            median(&format!("before GET by {field}, 100k")),
            median(&format!("after GET by {field}, 100k")),
        ) {
            println!(
                "GET by {field} at 100k: before / after = {:.0}×",
                before / after
            );
        }
    }

    // Throughput: alternate one-second windows on the demo and on 100k contacts.
    println!();
    println!("| throughput, 32 connections, GET by phone | demo | 100k | 100k / demo |");
    println!("|---|---|---|---|");
    let big_queries = lookups(100_000, "phone");
    let demo_queries = demo_lookups();
    for (label, demo, big) in demos {
        let (mut on_demo, mut on_big) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            on_demo.push(per_second(
                &load,
                &servers[demo],
                genius::sim::DEMO_TOKEN,
                &demo_queries,
            ));
            on_big.push(per_second(&load, &servers[big], BENCH_TOKEN, &big_queries));
        }
        on_demo.sort_by(f64::total_cmp);
        on_big.sort_by(f64::total_cmp);
        let (demo_rate, big_rate) = (on_demo[2], on_big[2]);
        println!(
            "| {label} | {demo_rate:.0}/s | {big_rate:.0}/s | {:.3}× |",
            big_rate / demo_rate
        );
    }
}

/// Requests per second over about a second of lookups, 32 at a time (at least one batch).
fn per_second(load: &Load, server: &Server, token: &str, queries: &[String]) -> f64 {
    let started = Instant::now();
    let mut done = 0u64;
    while started.elapsed() < Duration::from_secs(1) {
        load.concurrent(server, token, queries, 64);
        done += 64;
    }
    done as f64 / started.elapsed().as_secs_f64()
}

async fn add_note(load: &Load, server: &Server, round: usize) {
    let body = serde_json::json!({"uid": uid(round * 241 % 100_000), "note": "Side-by-side note"});
    let response = load
        .http
        .post(format!("{}/api/contact/note/add", server.url))
        .bearer_auth(BENCH_TOKEN)
        .json(&body)
        .send()
        .await
        .expect("an answer");
    assert!(response.status().is_success(), "{}", response.status());
    response.bytes().await.expect("a body");
}

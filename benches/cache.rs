//! The contact cache at 2,000 contacts (one of them a 7.8 MB contact with 100,000 notes, cached
//! with its newest notes only): putting a small contact (which evicts the least recently
//! fetched), putting the huge one, getting one, opening the cache and getting one (which reads
//! the index first), searching the index cold (first use after opening) and warm, compacting the
//! log, and listing every contact. Also prints the bytes one put writes, counted by the store's
//! own writer, beside the contact's JSON. Speed goals live here, never in timed tests.

use std::hint::black_box;

use chrono::{DateTime, Duration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use genius::api::Contact;
use genius::cache::ContactCache;

const CONTACTS: usize = 2000;

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-01T09:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default()
}

/// A contact about the size the simulator answers (~600 bytes of JSON).
fn contact(n: usize) -> Contact {
    Contact {
        uid: format!("C{n:07}"),
        email: Some(format!("person{n}@example.com")),
        phone: Some(format!("+5511{n:08}")),
        first_name: Some(format!("Person{n}")),
        last_name: Some("Silva".into()),
        business_name: Some("Acme Importadora Ltda".into()),
        city: Some("São Paulo".into()),
        state: Some("SP".into()),
        stage_name: Some("Lead".into()),
        owner_name: Some("Rita Souza".into()),
        owner_email: Some("rita@acme.example".into()),
        notes: Some(
            "2025-08-12 09:35 Talked to lead and he said to call back in 2 days.\n\n\
             2025-08-14 10:46 Called as requested and sent the prices."
                .into(),
        ),
        tags: vec!["vip".into(), "2025".into()],
        created: Some("2025-08-12 09:30:00".into()),
        last_update: Some("2025-08-14 10:46:00".into()),
        ..Contact::default()
    }
}

/// The biggest contact of the side-by-side benchmark: 100,000 notes, about 7.8 MB.
fn huge() -> Contact {
    let notes = (0..100_000)
        .map(|i| format!("2025-{:02}-{:02} {:02}:{:02} Call {i}: discussed the proposal, agreed on next steps.", 1 + (i / 672) % 12, 1 + (i / 24) % 28, i % 24, i % 60))
        .collect::<Vec<_>>()
        .join("\n\n");
    Contact {
        uid: "HUGE0001".into(),
        notes: Some(notes),
        ..contact(0)
    }
}

/// A cache folder holding 2,000 contacts, the huge one among them.
fn filled(dir: &std::path::Path) -> ContactCache {
    let cache = ContactCache::at(dir.join("prod"));
    let contacts: Vec<Contact> = (1..CONTACTS).map(contact).collect();
    cache.put_many(&contacts, start()).unwrap_or_default();
    cache.put(&huge(), start()).map(drop).unwrap_or_default();
    cache
}

fn bench_cache(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let cache = filled(dir.path());
    let folder = dir.path().join("prod");
    let huge = huge();
    let mut group = c.benchmark_group("cache (2,000 contacts)");
    group.sample_size(30);

    let mut n = CONTACTS;
    let before = cache.bytes_written();
    let mut small_puts = 0u64;
    group.bench_function("put small (evicts one)", |b| {
        b.iter(|| {
            n += 1;
            small_puts += 1;
            let fetched = start() + Duration::seconds(i64::try_from(n).unwrap_or(0));
            black_box(cache.put(&contact(n), fetched).is_ok())
        })
    });
    let per_put = (cache.bytes_written() - before) / small_puts.max(1);
    let json = serde_json::to_vec(&contact(1)).map_or(0, |v| v.len());
    println!("bytes written per small put: {per_put} (the contact's JSON: {json} bytes)");

    let before = cache.bytes_written();
    let mut huge_puts = 0u64;
    group.bench_function("put huge (7.8 MB, notes cut to 256 KB)", |b| {
        b.iter(|| {
            huge_puts += 1;
            black_box(cache.put(&huge, start()).is_ok())
        })
    });
    let per_huge_put = (cache.bytes_written() - before) / huge_puts.max(1);
    println!("bytes written per huge put: {per_huge_put}");

    let uid = format!("C{:07}", n);
    group.bench_function("get one", |b| b.iter(|| black_box(cache.get(&uid))));
    group.bench_function("open and get one (reads the index first)", |b| {
        b.iter(|| black_box(ContactCache::at(&folder).get(&uid)))
    });
    group.bench_function("search the index, first use after opening", |b| {
        b.iter_batched(
            || ContactCache::at(&folder),
            |fresh| black_box(fresh.search("person1999")),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("list every contact from a fresh handle", |b| {
        b.iter(|| black_box(ContactCache::at(&folder).list().len()))
    });
    let before = cache.bytes_written();
    let mut compactions = 0u64;
    group.bench_function("compact the log (2,000 live contacts)", |b| {
        b.iter(|| {
            compactions += 1;
            black_box(cache.compact().is_ok())
        })
    });
    let per_compaction = (cache.bytes_written() - before) / compactions.max(1);
    println!("bytes written per compaction: {per_compaction}");
    group.bench_function(
        "search the index, first use after compacting (checkpoint only)",
        |b| {
            b.iter_batched(
                || ContactCache::at(&folder),
                |fresh| black_box(fresh.search("person1999")),
                BatchSize::SmallInput,
            )
        },
    );
    group.bench_function("search the index, loaded", |b| {
        b.iter(|| black_box(cache.search("silva person1999")))
    });
    group.finish();
}

criterion_group!(benches, bench_cache);
criterion_main!(benches);

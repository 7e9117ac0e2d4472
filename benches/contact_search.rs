//! How long finding a contact by a piece of its name takes per keystroke over 2,000 and 20,000
//! contacts (accents, businesses, emails, phones as a Brazilian sales book has them), for a typed
//! name, a prefix, phone digits, a two-word query, one letter (the worst case: nearly every contact
//! matches) and a query nothing matches; and how long indexing the contacts takes. Speed goals
//! live here, never in timed tests: a keystroke should cost well under a frame (16 ms).

use std::hint::black_box;

use chrono::{DateTime, Duration, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use genius::contact_search::{ContactIndex, SearchEntry};

const FIRST: &[&str] = &[
    "José",
    "Maria",
    "Conceição",
    "João",
    "Ana",
    "Raimundo",
    "Luíza",
    "Antônio",
    "Francisca",
    "Sebastião",
    "Júlia",
    "Paulo",
    "Adriana",
    "Márcio",
    "Letícia",
    "Zoë",
    "张",
    "Priya",
    "John",
];
const LAST: &[&str] = &[
    "da Silva",
    "Araújo",
    "Souza",
    "Gonçalves",
    "Conceição",
    "Nonato",
    "Falcão de Albuquerque",
    "Lima",
    "Pereira",
    "Ribeiro",
    "Doe",
    "Patel",
    "伟",
    "Muñoz",
];
const BUSINESS: &[&str] = &[
    "Padaria Pão Quente",
    "Construtora Horizonte",
    "Transportadora Rápida Araújo Logística",
    "Acme Corp",
    "Farmácia São João",
    "Oficina do Zé",
    "Clínica Sorriso",
    "Mercado Econômico",
];

fn entries(count: usize) -> Vec<SearchEntry> {
    let mut rng = fastrand::Rng::with_seed(11);
    let now = DateTime::<Utc>::UNIX_EPOCH + Duration::days(20_000);
    (0..count)
        .map(|i| {
            let first = FIRST[rng.usize(..FIRST.len())];
            let last = LAST[rng.usize(..LAST.len())];
            SearchEntry {
                uid: format!("{:08}", i).into(),
                name: format!("{first} {last}").into(),
                business: rng
                    .bool()
                    .then(|| BUSINESS[rng.usize(..BUSINESS.len())].into()),
                email: Some(format!("contato{i}@empresa{}.com.br", rng.u32(..500)).into()),
                phone: Some(
                    format!(
                        "+55 {} 9{:04}-{:04}",
                        rng.u32(11..99),
                        rng.u32(..10_000),
                        rng.u32(..10_000)
                    )
                    .into(),
                ),
                stage: Some("Contacted".into()),
                owner: Some("Jane Smith".into()),
                seen_at: now - Duration::minutes(rng.i64(0..500_000)),
            }
        })
        .collect()
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("contact_search");
    for count in [2_000, 20_000] {
        let index = ContactIndex::new(entries(count));
        for query in ["conceicao", "raim", "9877", "jose silva", "a", "qqxz"] {
            group.bench_with_input(BenchmarkId::new(query, count), &index, |b, index| {
                b.iter(|| black_box(index.search(black_box(query), 50)))
            });
        }
        group.bench_with_input(BenchmarkId::new("index", count), &count, |b, &count| {
            let fresh = entries(count);
            b.iter(|| black_box(ContactIndex::new(fresh.clone())))
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);

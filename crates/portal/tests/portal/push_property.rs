//! Random sequences of push requests (repeats, duplicates within a request, reordering, and
//! records sent again under their id with other content) always end with exactly one stored
//! copy of each record, the one first accepted, and every answer is what a model predicts.

use crate::common::*;
use crate::fixtures::*;
use crate::push::{signed_in, stored_copies};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::collections::HashMap;
use veldwerk_core::ids::ResidentId;
use veldwerk_sync::protocol::*;

/// One pick: which of the pool's records, and whether it is sent with other content.
#[derive(Clone, Debug)]
struct Pick {
    record: usize,
    altered: bool,
}

const POOL: usize = 6;

fn schedule() -> impl Strategy<Value = Vec<Vec<Pick>>> {
    let pick = (0..POOL, prop::bool::weighted(0.15))
        .prop_map(|(record, altered)| Pick { record, altered });
    prop::collection::vec(prop::collection::vec(pick, 1..6), 1..10)
}

/// The pool: signals and complaints; each with an altered twin under the same id.
fn pool(resident: ResidentId, case: u32) -> Vec<(PushRecord, PushRecord)> {
    (0..POOL)
        .map(|i| {
            let text = format!("Waarneming {i} van geval {case}.");
            if i % 2 == 0 {
                let (mut s, rec) = signal(resident, morning(), &text);
                s.description.push_str(" Aangepast.");
                let twin =
                    PushRecord::new(s.id.0, "signal", serde_json::to_string(&s).unwrap(), vec![])
                        .unwrap();
                (rec, twin)
            } else {
                let rec = complaint(resident, morning(), &text);
                let mut v: serde_json::Value = serde_json::from_str(rec.payload.get()).unwrap();
                v["description"] = format!("{text} Anders.").into();
                let twin = PushRecord::new(rec.id, "complaint", v.to_string(), vec![]).unwrap();
                (rec, twin)
            }
        })
        .collect()
}

#[test]
fn any_sequence_of_pushes_stores_each_record_once_with_its_first_hash() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (p, token, resident) = rt.block_on(async {
        let p = start().await;
        let (_, token, view, _) = signed_in(&p, 0).await;
        let r = view.residents()[0].id;
        (p, token, r)
    });
    let case = std::sync::atomic::AtomicU32::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 40,
        ..Config::default()
    });
    let result = runner.run(&schedule(), |requests| {
        let n = case.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let records = pool(resident, n);
        rt.block_on(async {
            let mut model: HashMap<uuid::Uuid, String> = HashMap::new();
            let mut send = |batch: Vec<PushRecord>| {
                let mut expected = Vec::new();
                for r in &batch {
                    expected.push(match model.get(&r.id) {
                        None => {
                            model.insert(r.id, r.hash.clone());
                            "accepted".to_string()
                        }
                        Some(h) if *h == r.hash => "already_stored".into(),
                        Some(_) => "rejected:conflicting_duplicate".into(),
                    });
                }
                (batch, expected)
            };
            let mut rounds: Vec<(Vec<PushRecord>, Vec<String>)> = requests
                .iter()
                .map(|req| {
                    send(
                        req.iter()
                            .map(|pk| {
                                let (genuine, twin) = &records[pk.record];
                                if pk.altered {
                                    twin.clone()
                                } else {
                                    genuine.clone()
                                }
                            })
                            .collect(),
                    )
                })
                .collect();
            // at the end of the day every genuine record is sent once more
            rounds.push(send(records.iter().map(|(g, _)| g.clone()).collect()));
            for (batch, expected) in rounds {
                let res = p.push(&token, &batch).await;
                let got: Vec<String> = res.results.iter().map(outcome).collect();
                prop_assert_eq!(got, expected);
            }
            for (id, hash) in &model {
                prop_assert_eq!(stored_copies(&p, *id), vec![hash.clone()]);
            }
            Ok::<(), TestCaseError>(())
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

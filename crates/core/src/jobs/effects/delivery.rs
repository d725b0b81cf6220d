//! Delivery: the device is handed over once the user agreement is signed.

use super::builder::*;
use crate::jobs::completion::*;
use crate::jobs::evaluate::*;
use crate::jobs::media::{AgreementSigned, SignatureRecord};
use crate::jobs::schema::keys;
use crate::logbook::LogbookKind;
use crate::model::DeviceStatus;
use serde_json::json;

fn signer(s: &SignatureRecord) -> serde_json::Value {
    json!({
        "signature_id": s.id,
        "name": s.name,
        "role": s.role,
        "signed_at": s.signed_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "png_sha256": s.png_sha256,
    })
}

impl Builder<'_> {
    pub(super) fn delivery(&mut self, signed: &AgreementSigned) {
        let day = self.day();
        let now = self.now;
        let device = self.ctx.device.clone().or_else(|| {
            registration(self.a, keys::delivery::IDENTITY_REGISTRATION)
                .and_then(|r| known_device(self.ctx, r))
                .cloned()
        });
        let mut details = self.digest(&|_| true);
        details.insert(
            "agreement".into(),
            json!({
                "document_id": signed.document.id,
                "sha256": signed.document.sha256,
                "text_sha256": signed.text_sha256,
                "signers": [signer(&signed.resident_side), signer(&signed.technician)],
            }),
        );
        let name = self.resident_name();
        let (rs, tech) = (&signed.resident_side.name, &signed.technician.name);
        let summary = joined(&[
            l(
                format!("Geleverd aan {name}"),
                format!("Delivered to {name}"),
            ),
            l(
                format!(
                    "gebruikersovereenkomst ondertekend door {rs} ({}) en {tech} (monteur)",
                    role_nl(signed.resident_side.role)
                ),
                format!(
                    "user agreement signed by {rs} ({}) and {tech} (technician)",
                    role_en(signed.resident_side.role)
                ),
            ),
        ]);
        if let Some(d) = &device {
            let first = d.first_delivered_on.is_none();
            let link = ResidentLink::Resident(self.ctx.resident.id);
            let c = self.changes(d.id);
            c.resident = Some(link);
            c.status = Some(DeviceStatus::InUse);
            if first {
                c.first_delivered_on = Some(day);
            }
            c.last_delivered_on = Some(day);
            self.entry(d.id, LogbookKind::Delivery, now, summary, details);
        }
        self.complete_order();
        self.out.documents.push(signed.document.clone());
    }
}

//! Typed identifiers. Every record has a UUID; records produced on the device are UUIDv7 so
//! they sort by creation time and never collide with records made elsewhere.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh UUIDv7 identifier (time-ordered).
            pub fn new_v7() -> Self {
                Self(Uuid::now_v7())
            }

            /// Parses the textual UUID form; any other input is refused.
            pub fn parse(s: &str) -> Result<Self, crate::ValidationError> {
                Uuid::parse_str(s.trim())
                    .map(Self)
                    .map_err(|_| crate::ValidationError::InvalidId {
                        kind: stringify!($name),
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// A municipality (gemeente) that orders and pays.
    MunicipalityId,
    /// A resident (inwoner).
    ResidentId,
    /// A caregiver or other contact person of a resident.
    CaregiverId,
    /// One of the supplier's fixed contact persons for a resident (PvE 5.2.3a).
    SupplierContactId,
    /// An assistive device (hulpmiddel).
    DeviceId,
    /// A sling (tilband) belonging to a hoist.
    SlingId,
    /// A municipality's order (nadere opdracht).
    OrderId,
    /// A reported malfunction (storing).
    MalfunctionId,
    /// A technician (fitter, mechanic or case manager).
    TechnicianId,
    /// A planned visit.
    AppointmentId,
    /// One piece of work on one device during a visit.
    JobId,
    /// One entry of a device's logbook.
    LogbookEntryId,
    /// A signal for the municipality (signaleringsfunctie).
    SignalId,
    /// A complaint heard on site.
    ComplaintId,
    /// A request to the municipality to provide another category than ordered.
    DeviationRequestId,
    /// A drawn signature (its strokes in the record, its PNG a blob).
    SignatureId,
    /// A photo taken or imported on site (the processed image and its thumbnail are blobs).
    PhotoId,
    /// A document (PDF) produced on the laptop: user agreement, certificate, job report.
    DocumentId,
    /// The report of a finished (or abandoned) job.
    JobReportId,
    /// A message to a resident or municipality, recorded in the app and sent by the portal.
    MessageId,
    /// A case manager's plan for complex custom work (maatwerk).
    WorkPlanId,
    /// An update, consent or evaluation of a work plan.
    PlanUpdateId,
);

//! The domain's records as the replica holds them. Master data (everything here) is owned by
//! the portal and replicated down; the app never edits it in place.

mod address;
mod device;
mod planning;
mod resident;
mod signals;

pub use address::{Address, Postcode};
pub use device::{
    validate_registration_number, Battery, BatteryChemistry, ConfigItem, Device, DeviceMeasurement,
    DeviceStatus, DeviceSummary, Sling, SlingStatus,
};
pub use planning::{
    Appointment, AppointmentStatus, Job, JobKind, JobStatus, Malfunction, MalfunctionStatus, Order,
    OrderKind, OrderStatus, Technician, TechnicianRole, TimeWindow, MAX_WINDOW_MINUTES,
};
pub use resident::{
    check_caregivers, check_supplier_contacts, Caregiver, CaregiverKind, CommunicationPreference,
    Municipality, Resident, SupplierContact, MAX_CAREGIVERS, MAX_SUPPLIER_CONTACTS,
};
pub use signals::{signal_kind_name, SignalKind};

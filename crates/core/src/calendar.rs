//! The working-day calendar. Being written.

/// Working days: Monday to Friday except the public holidays of the Algemene termijnenwet.
#[derive(Clone, Debug, Default)]
pub struct WorkingDayCalendar {}

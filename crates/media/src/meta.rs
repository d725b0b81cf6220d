//! The two things read from a photo's EXIF (with kamadak-exif): its orientation and when it
//! was taken. Nothing else is carried over; a broken EXIF block means "upright, time unknown",
//! never a refused photo.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use exif::{In, Tag, Value};
use serde::{Deserialize, Serialize};

/// When the photo was taken, as the camera recorded it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureTime {
    /// The camera's local wall-clock time (DateTimeOriginal, with SubSecTimeOriginal).
    pub local: NaiveDateTime,
    /// The offset from UTC in minutes (OffsetTimeOriginal), when the camera recorded one.
    pub offset_minutes: Option<i16>,
}

impl CaptureTime {
    /// The instant, when the camera recorded its offset from UTC.
    pub fn instant(&self) -> Option<DateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(i32::from(self.offset_minutes?) * 60)?;
        self.local.and_local_timezone(offset).single()
    }
}

/// What the pipeline keeps from the metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meta {
    /// EXIF orientation 1..=8 (1 when absent or invalid).
    pub orientation: u8,
    pub captured: Option<CaptureTime>,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            orientation: 1,
            captured: None,
        }
    }
}

/// Reads the metadata from raw EXIF (a TIFF structure, with or without the "Exif\0\0" prefix
/// of a JPEG APP1 segment or some WebP files).
pub fn read(raw: Option<&[u8]>) -> Meta {
    let Some(raw) = raw else {
        return Meta::default();
    };
    let raw = raw.strip_prefix(b"Exif\0\0").unwrap_or(raw);
    let Ok(exif) = exif::Reader::new().read_raw(raw.to_vec()) else {
        return Meta::default();
    };
    let orientation = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .filter(|o| (1..=8).contains(o))
        .map_or(1, |o| o as u8);
    let ascii = |tag: Tag| -> Option<Vec<u8>> {
        match &exif.get_field(tag, In::PRIMARY)?.value {
            Value::Ascii(v) => v.first().cloned(),
            _ => None,
        }
    };
    let captured = [
        (
            Tag::DateTimeOriginal,
            Tag::SubSecTimeOriginal,
            Tag::OffsetTimeOriginal,
        ),
        (
            Tag::DateTimeDigitized,
            Tag::SubSecTimeDigitized,
            Tag::OffsetTimeDigitized,
        ),
    ]
    .into_iter()
    .find_map(|(time, subsec, offset)| {
        let mut dt = exif::DateTime::from_ascii(&ascii(time)?).ok()?;
        if let Some(s) = ascii(subsec) {
            let _ = dt.parse_subsec(&s);
        }
        if let Some(o) = ascii(offset) {
            let _ = dt.parse_offset(&o);
        }
        capture_time(&dt)
    });
    Meta {
        orientation,
        captured,
    }
}

fn capture_time(dt: &exif::DateTime) -> Option<CaptureTime> {
    let date = NaiveDate::from_ymd_opt(i32::from(dt.year), dt.month.into(), dt.day.into())?;
    let local = date.and_hms_nano_opt(
        dt.hour.into(),
        dt.minute.into(),
        dt.second.into(),
        dt.nanosecond.unwrap_or(0),
    )?;
    let offset_minutes = dt.offset.filter(|m| m.abs() <= 18 * 60);
    Some(CaptureTime {
        local,
        offset_minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_or_broken_exif_is_upright_without_time() {
        assert_eq!(read(None), Meta::default());
        assert_eq!(read(Some(b"Exif\0\0garbage")), Meta::default());
        assert_eq!(read(Some(&[])), Meta::default());
    }

    #[test]
    fn instant_needs_an_offset() {
        let local = NaiveDate::from_ymd_opt(2024, 3, 5)
            .and_then(|d| d.and_hms_opt(14, 30, 0))
            .unwrap();
        let t = CaptureTime {
            local,
            offset_minutes: Some(60),
        };
        assert_eq!(
            t.instant().unwrap().to_rfc3339(),
            "2024-03-05T14:30:00+01:00"
        );
        let t = CaptureTime {
            offset_minutes: None,
            ..t
        };
        assert_eq!(t.instant(), None);
    }
}

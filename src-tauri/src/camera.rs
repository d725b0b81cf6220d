//! The camera in the window. WebKitGTK leaves media streams off and refuses every camera
//! request unless the application answers it, so on Linux the window turns media streams on
//! and allows its own pages (only the app's own content runs there, see the CSP) to use a
//! camera; a microphone is never allowed. Elsewhere the platform's webview asks the user.

/// Lets the window's pages open a camera (see the module documentation).
pub fn allow_in(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        let done = window.with_webview(|w| {
            use webkit2gtk::glib::object::Cast;
            use webkit2gtk::{
                PermissionRequestExt, SettingsExt, UserMediaPermissionRequest,
                UserMediaPermissionRequestExt, WebViewExt,
            };
            let view = w.inner();
            if let Some(settings) = view.settings() {
                settings.set_enable_media_stream(true);
            }
            view.connect_permission_request(|_, request| {
                match request.downcast_ref::<UserMediaPermissionRequest>() {
                    Some(media) if media.is_for_video_device() && !media.is_for_audio_device() => {
                        request.allow();
                    }
                    _ => request.deny(),
                }
                true
            });
        });
        if let Err(e) = done {
            eprintln!("veldwerk: the camera cannot be offered in this window: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

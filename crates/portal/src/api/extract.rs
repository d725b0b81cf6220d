//! Extractors that answer bad input in the API's one error shape: 400 `malformed_json` for
//! text that is not JSON, 422 `validation` for JSON of the wrong shape or types, 413
//! `too_large` above the route's body limit, 400 `bad_request` for a bad query.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use veldwerk_sync::protocol::codes;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    codes::TOO_LARGE,
                    "Het verzoek is te groot voor het portaal.",
                    "The request is too large for the portal.",
                )
            } else {
                ApiError::bad_request(
                    "Het verzoek kwam niet helemaal aan.",
                    "The request did not arrive whole.",
                )
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Parses a JSON body: a syntax error is 400, a wrong shape 422.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        let detail: String = e.to_string().chars().take(200).collect();
        match e.classify() {
            serde_json::error::Category::Data => ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: codes::VALIDATION,
                message: veldwerk_core::Localized::new(
                    format!("De gegevens kloppen niet: {detail}"),
                    format!("The data is not valid: {detail}"),
                ),
            },
            _ => ApiError {
                status: StatusCode::BAD_REQUEST,
                code: codes::MALFORMED_JSON,
                message: veldwerk_core::Localized::new(
                    format!("Het verzoek is geen geldige JSON: {detail}"),
                    format!("The request is not valid JSON: {detail}"),
                ),
            },
        }
    })
}

pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(q)| ApiQuery(q))
            .map_err(|_| {
                ApiError::bad_request(
                    "De zoekparameters van het verzoek kloppen niet.",
                    "The request's query parameters are not valid.",
                )
            })
    }
}

#ifndef GONG_MOCK_CSHIMS_TLS_H
#define GONG_MOCK_CSHIMS_TLS_H
// Server-side TLS settings that OpenSSL exposes only as macros (SSL_OP_* bits, SSL_CTX_set_mode).
#include <openssl/ssl.h>

/// Applies the server defaults in one call: TLS 1.2 minimum, no renegotiation, no compression,
/// server cipher preference, unexpected EOF treated as a clean close, partial writes and a
/// moving write buffer allowed (the event loop retries writes from its own queue), buffers
/// released while idle. Returns 1 on success.
int CShims_SSL_CTX_configure_server(SSL_CTX *ctx);
/// SSL_CTX_add0_chain_cert is a macro; takes ownership of `cert` on success.
int CShims_SSL_CTX_add0_chain_cert(SSL_CTX *ctx, X509 *cert);
#endif

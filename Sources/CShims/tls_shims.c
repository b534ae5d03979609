#define _GNU_SOURCE
#include "CShimsTLS.h"

int CShims_SSL_CTX_configure_server(SSL_CTX *ctx) {
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) return 0;
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE
                                 | SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS);
    return 1;
}

int CShims_SSL_CTX_add0_chain_cert(SSL_CTX *ctx, X509 *cert) {
    return (int)SSL_CTX_add0_chain_cert(ctx, cert);
}

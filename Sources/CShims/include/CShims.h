#ifndef GONG_MOCK_CSHIMS_H
#define GONG_MOCK_CSHIMS_H
// Declarations Swift cannot see directly: epoll/eventfd/timerfd live behind _GNU_SOURCE headers
// Glibc's module does not export, and OpenSSL exposes several calls only as macros.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <openssl/ssl.h>

/// SSL_CTX_set_min_proto_version is a macro; Swift cannot call it directly.
int CShims_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);
/// SSL_set_tlsext_host_name is a macro.
int CShims_SSL_set_tlsext_host_name(SSL *ssl, const char *name);
#endif
#include "CShimsTLS.h"
#include "CShimsSystem.h"

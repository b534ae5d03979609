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

// ---- CryptoPrimitives: OpenSSL macros and STACK_OF helpers (owner: crypto) ----
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stddef.h>

/// EVP_PKEY_PUBLIC_KEY is a compound macro of selection bits; Swift cannot import it.
int CShims_EVP_PKEY_PUBLIC_KEY(void);
/// The EC_KEY behind an EC EVP_PKEY (a new reference; NULL for other key types), for
/// CShims_ECDSA_sign_raw. Free with CShims_EC_KEY_free. (ecdsa_shims.c says why.)
void *CShims_EC_KEY_from_EVP_PKEY(EVP_PKEY *pkey);
void CShims_EC_KEY_free(void *key);
/// ECDSA over `digest`, written as R || S, each left-padded to `half` bytes (32 for P-256):
/// the JWS form (RFC 7518 §3.4). Returns 1 on success, 0 on failure (OpenSSL error queue set).
int CShims_ECDSA_sign_raw(void *key, const unsigned char *digest, size_t digest_length,
                          unsigned char *signature, size_t half);
/// Adds a subjectAltName extension holding the DNS names and IP addresses (IPv4 or IPv6 text),
/// building each GENERAL_NAME directly so no name is ever re-parsed as config syntax.
/// Returns 1 on success, 0 on failure (OpenSSL error queue set), -1 if an IP text is invalid
/// (then *bad_index is its index).
int CShims_X509_add_subject_alt_names(X509 *cert,
                                      const char *const *dns_names, size_t dns_count,
                                      const char *const *ip_addresses, size_t ip_count,
                                      size_t *bad_index);
/// The certificate's subjectAltName entries, or NULL if it has none. Free with
/// CShims_GENERAL_NAMES_free.
GENERAL_NAMES *CShims_X509_get_subject_alt_names(const X509 *cert);
/// sk_GENERAL_NAME_num / sk_GENERAL_NAME_value / GENERAL_NAMES_free (function-like macros).
int CShims_GENERAL_NAMES_count(const GENERAL_NAMES *names);
const GENERAL_NAME *CShims_GENERAL_NAMES_at(const GENERAL_NAMES *names, int index);
void CShims_GENERAL_NAMES_free(GENERAL_NAMES *names);
/// The type (GEN_DNS, GEN_IPADD, ...) and the string payload of a GENERAL_NAME (its data union).
int CShims_GENERAL_NAME_type(const GENERAL_NAME *name);
const ASN1_STRING *CShims_GENERAL_NAME_string(const GENERAL_NAME *name);
// ---- end CryptoPrimitives ----
#endif
#include "CShimsTLS.h"
#include "CShimsSystem.h"

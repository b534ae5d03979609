// ES256 signing below the EVP signature layer. EVP_PKEY_sign on an EC key goes through the
// provider, which sizes the output by DER-encoding a dummy signature (ECDSA_size), DER-encodes
// the real one (i2d_ECDSA_SIG), and the JWS layer then decodes that DER back to R || S
// (RFC 7518 §3.4): about 8k instructions of a refresh grant (callgrind), none of it the signature.
// ECDSA_do_sign runs the same signing code (same nonce generation) and hands R and S over
// directly. The EC_KEY calls are deprecated in OpenSSL 3 but present in every 3.x release;
// they are confined to this file.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include "CShims.h"

void *CShims_EC_KEY_from_EVP_PKEY(EVP_PKEY *pkey) {
    return EVP_PKEY_get1_EC_KEY(pkey);
}

void CShims_EC_KEY_free(void *key) {
    EC_KEY_free((EC_KEY *)key);
}

int CShims_ECDSA_sign_raw(void *key, const unsigned char *digest, size_t digest_length,
                          unsigned char *signature, size_t half) {
    if (digest_length > 64 || half == 0 || half > 66) return 0;
    ECDSA_SIG *sig = ECDSA_do_sign(digest, (int)digest_length, (EC_KEY *)key);
    if (sig == NULL) return 0;
    const BIGNUM *r = NULL, *s = NULL;
    ECDSA_SIG_get0(sig, &r, &s);
    int ok = BN_bn2binpad(r, signature, (int)half) == (int)half
          && BN_bn2binpad(s, signature + half, (int)half) == (int)half;
    ECDSA_SIG_free(sig);
    return ok;
}

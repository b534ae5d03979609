#define _GNU_SOURCE
#include "CShims.h"

int CShims_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

int CShims_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

// ---- CryptoPrimitives (owner: crypto) ----

int CShims_EVP_PKEY_PUBLIC_KEY(void) {
    return EVP_PKEY_PUBLIC_KEY;
}

int CShims_X509_add_subject_alt_names(X509 *cert,
                                      const char *const *dns_names, size_t dns_count,
                                      const char *const *ip_addresses, size_t ip_count,
                                      size_t *bad_index) {
    GENERAL_NAMES *names = sk_GENERAL_NAME_new_null();
    if (names == NULL) return 0;
    int result = 0;
    for (size_t i = 0; i < dns_count; i++) {
        ASN1_IA5STRING *text = ASN1_IA5STRING_new();
        GENERAL_NAME *name = GENERAL_NAME_new();
        if (text == NULL || name == NULL || !ASN1_STRING_set(text, dns_names[i], -1)) {
            ASN1_IA5STRING_free(text);
            GENERAL_NAME_free(name);
            goto done;
        }
        GENERAL_NAME_set0_value(name, GEN_DNS, text);
        if (!sk_GENERAL_NAME_push(names, name)) { GENERAL_NAME_free(name); goto done; }
    }
    for (size_t i = 0; i < ip_count; i++) {
        ASN1_OCTET_STRING *address = a2i_IPADDRESS(ip_addresses[i]);
        if (address == NULL) {
            if (bad_index != NULL) *bad_index = i;
            result = -1;
            goto done;
        }
        GENERAL_NAME *name = GENERAL_NAME_new();
        if (name == NULL) { ASN1_OCTET_STRING_free(address); goto done; }
        GENERAL_NAME_set0_value(name, GEN_IPADD, address);
        if (!sk_GENERAL_NAME_push(names, name)) { GENERAL_NAME_free(name); goto done; }
    }
    result = X509_add1_ext_i2d(cert, NID_subject_alt_name, names, 0, X509V3_ADD_DEFAULT) == 1 ? 1 : 0;
done:
    GENERAL_NAMES_free(names);
    return result;
}

GENERAL_NAMES *CShims_X509_get_subject_alt_names(const X509 *cert) {
    return X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
}

int CShims_GENERAL_NAMES_count(const GENERAL_NAMES *names) {
    return sk_GENERAL_NAME_num(names);
}

const GENERAL_NAME *CShims_GENERAL_NAMES_at(const GENERAL_NAMES *names, int index) {
    return sk_GENERAL_NAME_value(names, index);
}

void CShims_GENERAL_NAMES_free(GENERAL_NAMES *names) {
    GENERAL_NAMES_free(names);
}

int CShims_GENERAL_NAME_type(const GENERAL_NAME *name) {
    return name->type;
}

const ASN1_STRING *CShims_GENERAL_NAME_string(const GENERAL_NAME *name) {
    switch (name->type) {
    case GEN_DNS: return name->d.dNSName;
    case GEN_IPADD: return name->d.iPAddress;
    case GEN_EMAIL: return name->d.rfc822Name;
    case GEN_URI: return name->d.uniformResourceIdentifier;
    default: return NULL;
    }
}
// ---- end CryptoPrimitives ----

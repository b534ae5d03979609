#ifndef GONG_MOCK_CBUILDFACTS_H
#define GONG_MOCK_CBUILDFACTS_H
// Facts only the build knows (git commit, build date, Swift toolchain). scripts/package writes
// them into a header build_facts.c includes; a plain `swift build` leaves them empty and BuildInfo says
// "unknown". C, because Swift has no string-valued compile-time definitions without a plugin.

/// Short git commit the binary was built from, or "".
const char *CBuildFacts_commit(void);
/// UTC build time (ISO 8601), or "".
const char *CBuildFacts_date(void);
/// The toolchain's `swift --version` first line, or "".
const char *CBuildFacts_swift(void);
#endif

#include "CBuildFacts.h"

// scripts/package writes generated/build_facts.h (defining the three macros) for its build and
// removes it afterwards. A header rather than -D flags: flags would reach every Swift module's
// compile and rebuild them all; the header makes a new commit or date recompile this file only.
#if __has_include("generated/build_facts.h")
#include "generated/build_facts.h"
#endif

#ifndef GONG_MOCK_COMMIT
#define GONG_MOCK_COMMIT ""
#endif
#ifndef GONG_MOCK_BUILD_DATE
#define GONG_MOCK_BUILD_DATE ""
#endif
#ifndef GONG_MOCK_SWIFT_VERSION
#define GONG_MOCK_SWIFT_VERSION ""
#endif

const char *CBuildFacts_commit(void) { return GONG_MOCK_COMMIT; }
const char *CBuildFacts_date(void) { return GONG_MOCK_BUILD_DATE; }
const char *CBuildFacts_swift(void) { return GONG_MOCK_SWIFT_VERSION; }

#include "CBuildFacts.h"

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

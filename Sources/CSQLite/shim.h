#ifndef GONG_MOCK_CSQLITE_SHIM_H
#define GONG_MOCK_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif

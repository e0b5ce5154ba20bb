#pragma once
// Symbols are hidden by default (-fvisibility=hidden); FERRY_API marks the public C++ API.
#if defined(FERRY_STATIC_DEFINE)
#define FERRY_API
#else
#define FERRY_API __attribute__((visibility("default")))
#endif

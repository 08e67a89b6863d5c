// One libFuzzer executable per target: JAZZ_FUZZ_TARGET names the function (CMake sets it).
#include "FuzzTargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    jazz::fuzz::JAZZ_FUZZ_TARGET(data, size);
    return 0;
}

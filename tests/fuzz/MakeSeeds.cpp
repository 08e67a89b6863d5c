// Writes each target's seed inputs (FuzzTargets.cpp's seeds()) under DIR/<target>/.
#include "FuzzTargets.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_fuzz_seeds DIR\n");
        return 2;
    }
    for (const auto& t : jazz::fuzz::targets()) {
        const std::filesystem::path dir = std::filesystem::path(argv[1]) / t.name;
        std::filesystem::create_directories(dir);
        int i = 0;
        for (const auto& s : jazz::fuzz::seeds(t.name)) {
            std::ofstream out(dir / ("seed-" + std::to_string(i++)), std::ios::binary);
            out.write(reinterpret_cast<const char*>(s.data()), std::streamsize(s.size()));
        }
    }
    return 0;
}

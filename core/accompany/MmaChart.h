// A progression written as an MMA chart: one line per bar, each chord at its beat, its name
// spelled the way MMA's chord table does. Chords MMA does not know are reduced to the nearest
// one it does, and each such reduction is reported once.
#pragma once

#include "generate/Progression.h"

#include <cstdint>
#include <string>
#include <vector>

namespace jazz::accompany {

struct ChartOptions {
    std::string style;  // MMA groove name
    double tempo = 130; // beats per minute
    uint32_t seed = 0;  // MMA's RndSeed: the same chart plays the same band
};

struct Chart {
    std::string text;                    // the .mma file
    std::vector<std::string> reductions; // "C7alt played as C7b5b9 (MMA has no 7alt)", once each
};

// The MMA name of a chord symbol ("Bbmaj7" -> "BbM7", "Cdim" -> "Cmb5", "N.C." -> "z"), and
// whether it had to be reduced. Symbols our parser rejects are named from `pitches`.
std::string mmaChordName(const generate::BarChord& chord, bool* reduced = nullptr);

// Throws jazz::Error for a progression without bars or with a bar length MMA cannot take.
Chart writeChart(const generate::Progression& progression, const ChartOptions& options);

} // namespace jazz::accompany

// A chord progression: chord symbols per bar, from text ("| Dm7 G7 | Cmaj7 | % |"), from a named
// preset, or from the corpus's own voiced chords.
#pragma once

#include "theory/ChordSymbol.h"

#include <string>
#include <vector>

namespace jazz::generate {

struct BarChord {
    double offset = 0;        // quarter notes from the bar start
    std::vector<int> pitches; // a voicing (MIDI), what the grammar reads
    std::string symbol;       // for display
};

struct Progression {
    double beatsPerBar = 4;
    std::vector<std::vector<BarChord>> bars;

    // Chords split each bar evenly; "%" repeats the previous bar; "|" separates bars (outer
    // bars optional); "N.C." is no chord. Throws jazz::Error naming the bad symbol and its bar.
    static Progression parse(const std::string& text, double beatsPerBar = 4);
    // Names: see presetNames(). Throws jazz::Error listing them for an unknown name.
    static Progression preset(const std::string& name);
    static std::vector<std::string> presetNames();
    static std::string presetText(const std::string& name);

    Progression transposed(int semitones) const;
    Progression repeated(int choruses) const;
};

} // namespace jazz::generate

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

// A chord symbol as written in a chart, read or refused.
struct WrittenChord {
    std::string text;          // as written: "D7(b9)"
    theory::ChordSymbol chord; // N.C. for "N.C."
    double offset = 0;         // quarter notes from the bar start
};

struct ChordError {
    int bar = 0;        // 1-based
    std::string symbol; // as written
    std::string reason; // "unknown chord quality 'q7'"
};

// Every bar of a chart with each symbol read, and every symbol that was refused.
struct ChordChart {
    std::vector<std::vector<WrittenChord>> bars; // refused symbols left out, N.C. kept
    std::vector<ChordError> errors;
};

struct Progression {
    double beatsPerBar = 4;
    std::vector<std::vector<BarChord>> bars;

    // Bars are separated by "|" or a line break (outer bars optional); chords split a bar
    // evenly; "%" repeats the previous bar; "N.C." is no chord; spaces inside brackets stay in
    // one symbol ("C7(b9 #11)"), and a bracket of alterations joins its chord ("G7 (b9)").
    // Collects every refused symbol with its bar; throws jazz::Error only when there are no
    // bars at all.
    static ChordChart readChart(const std::string& text, double beatsPerBar = 4);
    // The chart as a progression. Throws jazz::Error naming the first bad symbol and its bar
    // (and how many more there are).
    static Progression parse(const std::string& text, double beatsPerBar = 4);
    // Names: see presetNames(). Throws jazz::Error listing them for an unknown name.
    static Progression preset(const std::string& name);
    static std::vector<std::string> presetNames();
    static std::string presetText(const std::string& name);

    // Every chord respelled for one key: the key the first chord is the tonic of, moved
    // (F7 blues up a semitone reads Gb7 B7 ..., up two G7 C7 ...).
    Progression transposed(int semitones) const;
    Progression repeated(int choruses) const;
};

} // namespace jazz::generate

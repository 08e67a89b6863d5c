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

// One bar of a chord chart as written: where it sits in the text (for an editor to mark it)
// and its symbols. An empty bar holds the previous bar's chords, as on a lead sheet.
struct ChartBar {
    int line = 0;                     // 0-based line of the text
    size_t begin = 0, end = 0;        // character range of the bar's cell in the text
    std::vector<std::string> symbols; // empty: the chord before holds
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

    // Bars are separated by "|" or a line break (outer bar lines of each line optional, "||"
    // is one bar line); chords split a bar evenly; "%" repeats the previous bar; an empty bar
    // between two bar lines holds the previous bar's chords (so "| Dm7 | | G7 |" is three bars,
    // not two); "N.C." is no chord; spaces inside brackets stay in one symbol ("C7(b9 #11)"),
    // and a bracket of alterations joins its chord ("G7 (b9)"). Collects every refused symbol
    // with its bar; throws jazz::Error only when there are no chords at all.
    static ChordChart readChart(const std::string& text, double beatsPerBar = 4);
    // The bars as written, numbered by position; what readChart reads.
    static std::vector<ChartBar> splitChart(const std::string& text);
    // The chart as a progression. Throws jazz::Error naming the first bad symbol and its bar
    // (and how many more there are).
    static Progression parse(const std::string& text, double beatsPerBar = 4);
    // Names: see presetNames(). Throws jazz::Error listing them for an unknown name.
    static Progression preset(const std::string& name);
    static std::vector<std::string> presetNames();
    static std::string presetText(const std::string& name);

    // Every chord moved, spelled for the new key (see KeySpelling.h): the F blues up a
    // semitone reads Gb7 Cb7 ... Db7, not F#7 beside Db7.
    Progression transposed(int semitones) const;
    Progression repeated(int choruses) const;
};

} // namespace jazz::generate

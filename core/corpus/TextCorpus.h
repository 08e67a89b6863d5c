// The bundled corpus's text format: tunes written as chord symbols and notes per bar, readable
// and extendable by a musician, read into lead sheets.
//
//   tune "Blues Line in F"        starts a tune (every tune starts at bar 1)
//   meter 4/4                     optional, 4/4 by default
//   | F7 | r:8 A4 C5 Eb5 D5 C5 A4 F4
//   | Bb7 Bdim7 | Ab4:8t G4 F4 D4:4 r:4 F4:8 Ab4
//
// Each bar line is `| CHORDS | NOTES`. Chords split the bar evenly unless one carries its beat
// (`G7@3`, beats from 1). Notes are PITCH:DURATION (`Eb5:8`); a note without a duration keeps
// the previous one's. Durations: 1 2 4 8 16 (whole to sixteenth), a trailing `.` dots them, a
// trailing `t` makes triplets (8t: a third of a beat). `r` is a rest. `%` as the chords repeats
// the previous bar's chords. `#` at a line's start or after a space starts a comment.
#pragma once

#include "corpus/LeadSheet.h"

#include <string>
#include <vector>

namespace jazz::corpus {

struct Tune {
    std::string title;
    LeadSheet sheet; // measures with melody and chords (voicings from the symbols)
    std::vector<std::string> chordSymbols; // per bar, as written (for display)
};

// Throws jazz::Error naming `source`, the line and what is wrong (an unknown chord, a bad
// pitch or duration, a bar whose notes do not fill its meter).
std::vector<Tune> parseTextCorpus(const std::string& text, const std::string& source);
std::vector<Tune> readTextCorpus(const std::string& path);

// The tunes shipped with the studio (compiled in as Qt resources).
std::vector<Tune> bundledCorpus();
std::vector<std::string> bundledCorpusFiles();

// A tune transposed by `semitones` (melody and chords), for the 12-key augmentation.
Tune transposed(const Tune& tune, int semitones);

} // namespace jazz::corpus
